import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type RunStep, type RunSummary, runSummarySchema } from '../../shared/status';

/** Run history: one JSON file per run in the data dir's runs/ folder, rewritten atomically at each step. */
export class RunHistory {
  constructor(private readonly folder: string) {}

  save(run: RunSummary): void {
    const file = join(this.folder, `${run.runId}.json`);
    const temp = `${file}.tmp`;
    writeFileSync(temp, `${JSON.stringify(run, null, 2)}\n`);
    renameSync(temp, file);
  }

  /** Newest first; unreadable files are reported as interrupted runs rather than hidden. */
  list(limit = 20): RunSummary[] {
    if (!existsSync(this.folder)) return [];
    const files = readdirSync(this.folder)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .reverse()
      .slice(0, limit);
    return files.map((name) => this.read(join(this.folder, name), name.replace(/\.json$/, '')));
  }

  private read(file: string, runId: string): RunSummary {
    try {
      return runSummarySchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    } catch (error) {
      return {
        runId,
        command: 'unknown',
        startedAt: '',
        state: 'interrupted',
        steps: [],
        error: `run record ${file} is unreadable: ${(error as Error).message}`,
      };
    }
  }
}

export function startRun(runId: string, command: string, steps: RunStep['step'][]): RunSummary {
  return {
    runId,
    command,
    startedAt: new Date().toISOString(),
    state: 'running',
    steps: steps.map((step) => ({ step, state: 'pending' })),
  };
}
