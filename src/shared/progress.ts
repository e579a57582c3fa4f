import { z } from 'zod';

/**
 * Progress of a run, as the UI's progress bars and the CLI's bars consume it. A task is one unit of
 * work the analyst can see: one portal window, one file to stage or load, one model.
 */
export const progressEventSchema = z.object({
  runId: z.string(),
  step: z.enum(['plan', 'extract', 'land', 'parse', 'stage', 'ingest', 'build', 'test']),
  /** e.g. "sai_altas 2025-01-01..2025-01-31", "raw/sai_altas/dt=.../x.parquet", "marts.reconciliation". */
  task: z.string(),
  state: z.enum(['planned', 'running', 'done', 'failed', 'skipped']),
  /** Tasks of this step finished so far and in all, for a bar per step. */
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  rows: z.number().int().nonnegative().optional(),
  message: z.string().optional(),
});

export type ProgressEvent = z.infer<typeof progressEventSchema>;
export type ProgressListener = (event: ProgressEvent) => void;
