import { existsSync, readFileSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { z } from 'zod';

/**
 * Which landed files have been staged, under which keys: one JSON line per staged file, appended
 * after the stage confirmed the put. Keys are derived from the landed file alone, so a crash before
 * the line is written is repaired by the next run putting the same bytes under the same key.
 */
const stagedRecordSchema = z.object({
  srcSha256: z.string(),
  dataset: z.string(),
  key: z.string(),
  rows: z.number().int(),
  stagedAt: z.string(),
});

export type StagedRecord = z.infer<typeof stagedRecordSchema>;

export class StagingLog {
  private readonly records = new Map<string, StagedRecord>();

  constructor(private readonly file: string) {
    if (!existsSync(file)) return;
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const parsed = line.trim() ? stagedRecordSchema.safeParse(safeJson(line)) : undefined;
      if (parsed?.success) this.records.set(parsed.data.key, parsed.data);
    }
  }

  hasSource(srcSha256: string): boolean {
    for (const record of this.records.values()) if (record.srcSha256 === srcSha256) return true;
    return false;
  }

  all(): StagedRecord[] {
    return [...this.records.values()];
  }

  async add(record: StagedRecord): Promise<void> {
    await appendFile(this.file, `${JSON.stringify(record)}\n`);
    this.records.set(record.key, record);
  }
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}
