import { z } from 'zod';

/** What `puente status` prints and the app's overview shows: the same object for every face. */
export const runStepSchema = z.object({
  step: z.enum(['plan', 'extract', 'land', 'parse', 'stage', 'ingest', 'build', 'test']),
  state: z.enum(['pending', 'running', 'done', 'failed', 'skipped']),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  detail: z.string().optional(),
});

export const runSummarySchema = z.object({
  runId: z.string(),
  command: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  state: z.enum(['running', 'succeeded', 'failed', 'interrupted']),
  steps: z.array(runStepSchema),
  error: z.string().optional(),
});

export const statusReportSchema = z.object({
  version: z.string(),
  dataDir: z.string(),
  settingsFile: z.string(),
  settingsPresent: z.boolean(),
  stage: z.string(),
  warehouse: z.string(),
  empty: z.boolean(),
  runs: z.array(runSummarySchema),
  landedFiles: z.number().int(),
  quarantinedFiles: z.number().int(),
  /** Landed files not yet staged (a run was interrupted, or the next sync will take them). */
  pendingFiles: z.number().int(),
  /** Per report: how many files, and the last day the portal (or folder) was read. */
  freshness: z.array(
    z.object({
      report: z.string(),
      files: z.number().int(),
      lastSnapshot: z.string(),
      lastDownloadedAt: z.string(),
    }),
  ),
});

export type RunStep = z.infer<typeof runStepSchema>;
export type RunSummary = z.infer<typeof runSummarySchema>;
export type StatusReport = z.infer<typeof statusReportSchema>;
