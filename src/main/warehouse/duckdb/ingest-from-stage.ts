import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Stage } from '../../stage/stage';
import { parseStageKey } from '../../stage/stage-key';
import type { SqlSession } from '../session';
import { mapFewAtATime } from './few-at-a-time';
import { type LoadOutcome, loadStagedFiles, type StagedFileRef } from './loader';

/** Downloads from a remote stage run a few at a time: each one mostly waits on the network. */
const PARALLEL_DOWNLOADS = 4;

/**
 * Loads staged keys into DuckDB in one transaction (a session runs one transaction at a time, so
 * callers must not run two of these on one session at once). A local stage is read in place; any
 * other stage is downloaded to `scratchDir` first and the copies removed after.
 */
export async function ingestFromStage(
  session: SqlSession,
  stage: Stage,
  keys: readonly string[],
  scratchDir: string,
): Promise<LoadOutcome[]> {
  const downloaded: string[] = [];
  const fetchRef = async (key: string): Promise<StagedFileRef> => {
    const parts = parseStageKey(key);
    if (!parts)
      throw new Error(
        `${key} in ${stage.describe()} is not a stage key (raw/<dataset>/dt=<date>/<run>_<sha8>.parquet)`,
      );
    const inPlace = stage.localPath?.(key);
    // Read in place, the loader hashes the file itself: there is no copy to check against the stage.
    if (inPlace) return { key, localPath: inPlace, dataset: parts.dataset };
    const localPath = join(scratchDir, key.replaceAll('/', '__'));
    downloaded.push(localPath);
    const { sha256 } = await stage.get(key, localPath);
    return { key, localPath, dataset: parts.dataset, sha256 };
  };
  try {
    const files = await mapFewAtATime(keys, PARALLEL_DOWNLOADS, fetchRef);
    return await loadStagedFiles(session, files);
  } finally {
    await Promise.all(downloaded.map((path) => rm(path, { force: true })));
  }
}
