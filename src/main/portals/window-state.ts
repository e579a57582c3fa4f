import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { writeTextAtomic } from '../landing/atomic-file';
import type { WindowRecord } from './windows';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const recordSchema = z.object({
  from: isoDate,
  to: isoDate,
  extractedAt: z.string(),
  rows: z.number().int().min(0),
  openRows: z.number().int().min(0),
  readOn: isoDate.optional(),
});
const stateSchema = z.object({ version: z.literal(1), reports: z.record(z.string(), z.array(recordSchema)) });

/**
 * The windows each report extracted, remembered between runs (the data dir's portals/windows.json):
 * what makes incremental runs skip settled windows and reuse the splits bisection found.
 * An unreadable file is not fatal: it only costs one full extraction.
 */
export class WindowState {
  private constructor(
    private readonly file: string,
    private readonly reports: Record<string, WindowRecord[]>,
  ) {}

  static load(file: string): WindowState {
    if (!existsSync(file)) return new WindowState(file, {});
    try {
      const parsed = stateSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      return new WindowState(file, parsed.success ? parsed.data.reports : {});
    } catch {
      return new WindowState(file, {});
    }
  }

  windows(report: string): readonly WindowRecord[] {
    return this.reports[report] ?? [];
  }

  /** Remembers a window, replacing every older record it overlaps, and saves at once. */
  async record(report: string, window: WindowRecord): Promise<void> {
    const kept = this.windows(report).filter((w) => w.to < window.from || w.from > window.to);
    this.reports[report] = [...kept, window].sort((a, b) => (a.from < b.from ? -1 : 1));
    await mkdir(dirname(this.file), { recursive: true });
    await writeTextAtomic(this.file, `${JSON.stringify({ version: 1, reports: this.reports }, null, 1)}\n`);
  }
}
