import type { Stage } from '../stage/stage';
import { parseStageKey } from '../stage/stage-key';
import { ingestFromStage } from '../warehouse/duckdb/ingest-from-stage';
import { ensureRawSchema, type LoadOutcome, ledger } from '../warehouse/duckdb/loader';
import type { SqlSession } from '../warehouse/session';
import type { StagingLog } from './staging-log';

/** Files per load transaction: bounds the statement size and, for a remote stage, the scratch copies. */
const MAX_FILES_PER_BATCH = 500;

/** Staged keys the warehouse has not loaded yet, oldest first. */
export async function pendingKeys(session: SqlSession, log: StagingLog): Promise<string[]> {
  await ensureRawSchema(session);
  const loaded = new Set((await ledger(session)).map((entry) => entry.stageKey));
  return log.keys().filter((key) => !loaded.has(key));
}

/** `keys` grouped by dataset (in order of first appearance), each group cut into batches. */
function batchesByDataset(keys: readonly string[]): string[][] {
  const groups = new Map<string, string[]>();
  for (const key of keys) {
    const dataset = parseStageKey(key)?.dataset ?? key;
    const group = groups.get(dataset) ?? [];
    group.push(key);
    groups.set(dataset, group);
  }
  return [...groups.values()].flatMap((group) =>
    Array.from({ length: Math.ceil(group.length / MAX_FILES_PER_BATCH) }, (_, i) =>
      group.slice(i * MAX_FILES_PER_BATCH, (i + 1) * MAX_FILES_PER_BATCH),
    ),
  );
}

/**
 * Loads every pending staged file into DuckDB, each exactly once (the loader's ledger decides): one
 * transaction per dataset batch; `onFile` reports each file once its batch is committed.
 */
export async function loadPending(
  session: SqlSession,
  stage: Stage,
  log: StagingLog,
  scratchDir: string,
  onFile?: (outcome: LoadOutcome, done: number, total: number) => void,
): Promise<LoadOutcome[]> {
  const keys = await pendingKeys(session, log);
  const outcomes: LoadOutcome[] = [];
  for (const batch of batchesByDataset(keys)) {
    for (const outcome of await ingestFromStage(session, stage, batch, scratchDir)) {
      outcomes.push(outcome);
      onFile?.(outcome, outcomes.length, keys.length);
    }
  }
  return outcomes;
}
