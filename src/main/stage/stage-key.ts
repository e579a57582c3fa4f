import { DATASET_NAMES, type DatasetName } from '../ingest/datasets';

/**
 * Stage keys: `raw/<dataset>/dt=YYYY-MM-DD/<run>_<sha8>.parquet`. `sha8` is the first 8 hex digits of
 * the RAW (landing) file's sha256, not of the Parquet bytes: the key then names the landing file it came
 * from and stays the same if a newer DuckDB writes slightly different Parquet. A key is never
 * overwritten; one dataset per prefix, so each Snowpipe reads a disjoint prefix.
 */

export interface StageKeyParts {
  dataset: DatasetName;
  /** The run's date (YYYY-MM-DD): the partition the file lands in. */
  date: string;
  runId: string;
  srcSha256: string;
}

const KEY_PATTERN =
  /^raw\/([a-z_]+)\/dt=(\d{4}-\d{2}-\d{2})\/([A-Za-z0-9][A-Za-z0-9_-]*)_([0-9a-f]{8})\.parquet$/;

export function stageKey(parts: StageKeyParts): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(parts.date))
    throw new Error(`stage date must be YYYY-MM-DD, got "${parts.date}"`);
  if (!/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(parts.runId))
    throw new Error(`run id must be letters, digits and dashes, got "${parts.runId}"`);
  if (!/^[0-9a-f]{64}$/i.test(parts.srcSha256)) throw new Error('srcSha256 must be 64 hex digits');
  return `raw/${parts.dataset}/dt=${parts.date}/${parts.runId}_${parts.srcSha256.slice(0, 8).toLowerCase()}.parquet`;
}

/** The parts of a stage key, or undefined if `key` is not one. */
export function parseStageKey(
  key: string,
): (Omit<StageKeyParts, 'srcSha256'> & { sha8: string }) | undefined {
  const match = KEY_PATTERN.exec(key);
  if (!match) return undefined;
  const [, dataset, date, runId, sha8] = match as unknown as [string, string, string, string, string];
  if (!(DATASET_NAMES as string[]).includes(dataset)) return undefined;
  return { dataset: dataset as DatasetName, date, runId, sha8 };
}

/** The prefix holding one dataset's files of one day, e.g. for a narrow Snowpipe refresh. */
export function stagePrefix(dataset: DatasetName, date?: string): string {
  return date ? `raw/${dataset}/dt=${date}/` : `raw/${dataset}/`;
}
