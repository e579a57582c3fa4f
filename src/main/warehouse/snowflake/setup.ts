import { DATASET_NAMES, type DatasetName } from '../../ingest/datasets';
import type { SqlSession } from '../session';
import {
  copyHistorySql,
  type FileLoadOutcome,
  fileOutcomes,
  pipeStatusSql,
  renderSnowflakeSetup,
  type SnowpipeTarget,
} from './snowpipe';

/**
 * `puente snowflake setup`: applies the rendered statements in order (each is IF NOT EXISTS, so a
 * rerun changes nothing) and returns the SQS ARN the bucket notification must target.
 */
export async function applySnowflakeSetup(
  session: SqlSession,
  target: SnowpipeTarget,
): Promise<{ queueArn: string | null }> {
  const setup = renderSnowflakeSetup(target);
  if (setup.placeholders.length)
    throw new Error(
      `Cannot apply the Snowflake setup while it holds placeholders (${setup.placeholders.join('; ')}): set the storage integration role ARN first`,
    );
  let pipes: Record<string, unknown>[] = [];
  for (const statement of setup.statements) {
    if (statement.sql.startsWith('SHOW PIPES')) pipes = await session.all(statement.sql);
    else await session.run(statement.sql);
  }
  const channel = pipes
    .map((row) => row.notification_channel)
    .find((value) => typeof value === 'string' && value);
  return { queueArn: (channel as string | undefined) ?? null };
}

export interface PipeStatus {
  dataset: DatasetName;
  /** SYSTEM$PIPE_STATUS parsed: executionState, pendingFileCount, lastIngestedFilePath, error... */
  status: Record<string, unknown>;
  files: FileLoadOutcome[];
}

/** `puente snowflake status`: each pipe's state and, for the run's staged keys, what COPY_HISTORY says. */
export async function snowflakeStatus(
  session: SqlSession,
  target: SnowpipeTarget,
  stagedKeys: readonly string[],
  hours = 24,
): Promise<PipeStatus[]> {
  const result: PipeStatus[] = [];
  for (const dataset of DATASET_NAMES) {
    const pipe = pipeStatusSql(target, dataset);
    const [row] = await session.all(pipe.sql, pipe.binds);
    const keys = stagedKeys.filter((key) => key.startsWith(`raw/${dataset}/`));
    const history = copyHistorySql(target, dataset, hours);
    result.push({
      dataset,
      status: JSON.parse(String(row?.STATUS ?? '{}')) as Record<string, unknown>,
      files: keys.length ? fileOutcomes(keys, await session.all(history.sql, history.binds)) : [],
    });
  }
  return result;
}
