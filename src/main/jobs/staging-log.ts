import { existsSync, readFileSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { z } from 'zod';

/**
 * Which landed files have been staged, per dataset, under which keys: one JSON line per (landed
 * file, dataset), appended after the stage confirmed the put. A landed file is fully staged when
 * every dataset its report yields has a line; a crash before the lines are written is repaired by
 * the next run staging only the missing (file, dataset) pairs, so no row is staged twice.
 */
const stagedRecordSchema = z.object({
  srcSha256: z.string(),
  dataset: z.string(),
  key: z.string(),
  /** Rows of this landed file in the staged file. */
  rows: z.number().int(),
  stagedAt: z.string(),
});

export type StagedRecord = z.infer<typeof stagedRecordSchema>;

export class StagingLog {
  private readonly records: StagedRecord[] = [];
  private readonly done = new Set<string>();
  /** A crash mid-append can leave half a line; the next append starts on a fresh line. */
  private endsTorn = false;

  constructor(private readonly file: string) {
    if (!existsSync(file)) return;
    const text = readFileSync(file, 'utf8');
    this.endsTorn = text.length > 0 && !text.endsWith('\n');
    for (const line of text.split('\n')) {
      const parsed = line.trim() ? stagedRecordSchema.safeParse(safeJson(line)) : undefined;
      if (parsed?.success) this.remember(parsed.data);
    }
  }

  has(srcSha256: string, dataset: string): boolean {
    return this.done.has(`${srcSha256}/${dataset}`);
  }

  /** Every (landed file, dataset) line, in the order they were staged. */
  all(): readonly StagedRecord[] {
    return this.records;
  }

  /** Distinct staged keys, in the order they were staged. */
  keys(): string[] {
    return [...new Set(this.records.map((record) => record.key))];
  }

  async add(records: readonly StagedRecord[]): Promise<void> {
    if (records.length === 0) return;
    const lines = records.map((record) => `${JSON.stringify(record)}\n`).join('');
    await appendFile(this.file, this.endsTorn ? `\n${lines}` : lines);
    this.endsTorn = false;
    for (const record of records) this.remember(record);
  }

  private remember(record: StagedRecord): void {
    this.records.push(record);
    this.done.add(`${record.srcSha256}/${record.dataset}`);
  }
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}
