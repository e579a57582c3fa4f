import type { Stage } from '../stage/stage';
import { ingestFromStage } from '../warehouse/duckdb/ingest-from-stage';
import { ensureRawSchema, type LoadOutcome, ledger } from '../warehouse/duckdb/loader';
import type { SqlSession } from '../warehouse/session';
import type { StagingLog } from './staging-log';

/** Staged keys the warehouse has not loaded yet, oldest first. */
export async function pendingKeys(session: SqlSession, log: StagingLog): Promise<string[]> {
  await ensureRawSchema(session);
  const loaded = new Set((await ledger(session)).map((entry) => entry.stageKey));
  return log.keys().filter((key) => !loaded.has(key));
}

/** Loads every pending staged file into DuckDB, each exactly once (the loader's ledger decides). */
export async function loadPending(
  session: SqlSession,
  stage: Stage,
  log: StagingLog,
  scratchDir: string,
  onFile?: (outcome: LoadOutcome, done: number, total: number) => void,
): Promise<LoadOutcome[]> {
  const keys = await pendingKeys(session, log);
  const outcomes: LoadOutcome[] = [];
  for (const key of keys) {
    const [outcome] = await ingestFromStage(session, stage, [key], scratchDir);
    if (outcome) {
      outcomes.push(outcome);
      onFile?.(outcome, outcomes.length, keys.length);
    }
  }
  return outcomes;
}
