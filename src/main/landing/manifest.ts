import { existsSync, readFileSync } from 'node:fs';
import { appendFile, open } from 'node:fs/promises';
import { z } from 'zod';
import { REPORT_KINDS, SOURCES } from '../ingest/reports';
import { errorCode, LandingWriteError } from './atomic-file';

const parseOutcomeSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('pending') }),
  z.object({
    status: z.literal('parsed'),
    rows: z.number().int().min(0),
    /** Columns the file had that the dataset does not know: kept in the raw file, reported here. */
    extraColumns: z.array(z.string()).optional(),
  }),
  z.object({ status: z.literal('quarantined'), reason: z.string(), message: z.string() }),
]);

export const manifestEntrySchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** Relative to the data dir: landing/ab/<sha256>.<ext>. */
  path: z.string(),
  size: z.number().int().min(0),
  portal: z.enum(SOURCES),
  report: z.enum(REPORT_KINDS),
  /** What was asked for: query window, supplier number, folder... as text. */
  parameters: z.record(z.string(), z.string()),
  downloadedAt: z.string(),
  originalName: z.string(),
  runId: z.string(),
  outcome: parseOutcomeSchema,
  /** When this record was appended; later records for the same sha256 win. */
  recordedAt: z.string(),
});

export type ManifestEntry = z.infer<typeof manifestEntrySchema>;
export type ParseStatus = z.infer<typeof parseOutcomeSchema>;

/** What is read back: the latest record per file, and the lines that could not be read. */
export interface ManifestContents {
  entries: Map<string, ManifestEntry>;
  /** 1-based line numbers that were not valid records (e.g. a write torn by a crash). */
  badLines: number[];
  endsWithNewline: boolean;
}

export function readManifest(file: string): ManifestContents {
  const entries = new Map<string, ManifestEntry>();
  const badLines: number[] = [];
  if (!existsSync(file)) return { entries, badLines, endsWithNewline: true };
  const text = readFileSync(file, 'utf8');
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    let parsed: ManifestEntry | null = null;
    try {
      const result = manifestEntrySchema.safeParse(JSON.parse(line));
      parsed = result.success ? result.data : null;
    } catch {
      parsed = null;
    }
    if (parsed) entries.set(parsed.sha256, parsed);
    else badLines.push(index + 1);
  }
  return { entries, badLines, endsWithNewline: text.length === 0 || text.endsWith('\n') };
}

/** Appends one record as a line and fsyncs; a torn previous line is closed off first. */
export async function appendManifest(
  file: string,
  entry: ManifestEntry,
  closeTornLine: boolean,
): Promise<void> {
  const line = `${closeTornLine ? '\n' : ''}${JSON.stringify(entry)}\n`;
  try {
    await appendFile(file, line, { encoding: 'utf8', mode: 0o644 });
    const handle = await open(file, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new LandingWriteError(file, errorCode(error), error);
  }
}
