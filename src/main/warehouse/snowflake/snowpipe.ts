import { DATASET_NAMES, type DatasetName } from '../../ingest/datasets';
import { rawTableDdl, sqlType, stagedColumns } from '../raw-tables';
import type { SqlValue } from '../session';
import type { SnowflakeSettings } from './connection';

/**
 * Snowpipe from S3: storage integration -> Parquet file format -> external stage on
 * s3://<bucket>/<prefix>raw/ -> raw tables -> one AUTO_INGEST pipe per dataset reading its own prefix
 * (@stage/<dataset>/), so prefixes are disjoint. Every statement is idempotent (IF NOT EXISTS): a pipe
 * is never recreated, because recreating one drops its load history and files would load twice.
 */

export interface SnowpipeTarget {
  snowflake: Pick<SnowflakeSettings, 'database' | 'schema'>;
  s3: { bucket: string; prefix: string };
  /** IAM role Snowflake assumes to read the bucket; without it the DDL holds a marked placeholder. */
  storageIntegrationRoleArn?: string;
  integrationName?: string;
}

export interface RenderedStatement {
  purpose: string;
  sql: string;
}

export interface SnowflakeSetup {
  statements: RenderedStatement[];
  /** Values the user must fill in before `setup` can apply the statements. */
  placeholders: string[];
}

export const ROLE_ARN_PLACEHOLDER = 'arn:aws:iam::<AWS_ACCOUNT_ID>:role/<SNOWFLAKE_READ_ROLE>';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_$]*$/;

function identifier(value: string, what: string): string {
  if (!IDENTIFIER.test(value)) throw new Error(`${what} "${value}" must be a plain Snowflake identifier`);
  return value.toUpperCase();
}

function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** Names of every object the setup creates, fully qualified. */
export function snowpipeNames(target: SnowpipeTarget) {
  const schema = `${identifier(target.snowflake.database, 'warehouse.database')}.${identifier(target.snowflake.schema, 'warehouse.schema')}`;
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(target.s3.bucket))
    throw new Error(`stage.bucket "${target.s3.bucket}" is not a valid S3 bucket name`);
  const prefix = target.s3.prefix.replace(/^\/+|\/+$/g, '');
  if (!/^[A-Za-z0-9._\-/]*$/.test(prefix))
    throw new Error(`stage.prefix "${target.s3.prefix}" has characters S3 keys here must not`);
  const rawLocation = `s3://${target.s3.bucket}/${prefix ? `${prefix}/` : ''}raw/`;
  return {
    schema,
    integration: identifier(target.integrationName ?? 'PUENTE_S3', 'integration name'),
    fileFormat: `${schema}.PUENTE_PARQUET`,
    stage: `${schema}.PUENTE_STAGE`,
    rawLocation,
    table: (dataset: DatasetName) => `${schema}.${dataset.toUpperCase()}`,
    pipe: (dataset: DatasetName) => `${schema}.${dataset.toUpperCase()}_PIPE`,
  };
}

function pipeDdl(target: SnowpipeTarget, dataset: DatasetName): string {
  const names = snowpipeNames(target);
  const staged = stagedColumns(dataset);
  const select = [
    ...staged.map((c) => `$1:${c.name}::${sqlType(c.type, 'snowflake')}`),
    'METADATA$FILENAME',
    // The scan start, not CURRENT_TIMESTAMP, which a pipe would evaluate at compile time; stored in UTC.
    "CONVERT_TIMEZONE('UTC', METADATA$START_SCAN_TIME)::TIMESTAMP_NTZ",
  ];
  const columns = [...staged.map((c) => c.name), '_stage_key', '_loaded_at'];
  return [
    `CREATE PIPE IF NOT EXISTS ${names.pipe(dataset)} AUTO_INGEST = TRUE AS`,
    `COPY INTO ${names.table(dataset)} (${columns.join(', ')})`,
    `FROM (SELECT ${select.join(', ')} FROM @${names.stage}/${dataset}/)`,
    `FILE_FORMAT = (FORMAT_NAME = ${literal(names.fileFormat)})`,
  ].join('\n');
}

/** The ordered statements `puente snowflake render` prints and `setup` applies. */
export function renderSnowflakeSetup(target: SnowpipeTarget): SnowflakeSetup {
  const names = snowpipeNames(target);
  const roleArn = target.storageIntegrationRoleArn ?? ROLE_ARN_PLACEHOLDER;
  const statements: RenderedStatement[] = [
    {
      purpose: 'storage integration (run as ACCOUNTADMIN; then DESC INTEGRATION for the IAM trust policy)',
      sql: [
        `CREATE STORAGE INTEGRATION IF NOT EXISTS ${names.integration}`,
        `TYPE = EXTERNAL_STAGE STORAGE_PROVIDER = 'S3' ENABLED = TRUE`,
        `STORAGE_AWS_ROLE_ARN = ${literal(roleArn)}`,
        `STORAGE_ALLOWED_LOCATIONS = (${literal(names.rawLocation)})`,
      ].join('\n'),
    },
    { purpose: 'schema for the raw tables', sql: `CREATE SCHEMA IF NOT EXISTS ${names.schema}` },
    {
      purpose: 'file format of staged files',
      sql: `CREATE FILE FORMAT IF NOT EXISTS ${names.fileFormat} TYPE = PARQUET`,
    },
    {
      purpose: 'external stage on the raw/ prefix',
      sql: `CREATE STAGE IF NOT EXISTS ${names.stage} URL = ${literal(names.rawLocation)} STORAGE_INTEGRATION = ${names.integration} FILE_FORMAT = (FORMAT_NAME = ${literal(names.fileFormat)})`,
    },
    ...DATASET_NAMES.map((dataset) => ({
      purpose: `raw table ${dataset}`,
      sql: rawTableDdl(dataset, 'snowflake', names.schema),
    })),
    ...DATASET_NAMES.map((dataset) => ({
      purpose: `auto-ingest pipe for ${dataset} (prefix ${dataset}/)`,
      sql: pipeDdl(target, dataset),
    })),
    {
      purpose: 'the SQS queue (notification_channel) the bucket notification must target',
      sql: `SHOW PIPES IN SCHEMA ${names.schema}`,
    },
  ];
  return {
    statements,
    placeholders: target.storageIntegrationRoleArn ? [] : [`STORAGE_AWS_ROLE_ARN: ${ROLE_ARN_PLACEHOLDER}`],
  };
}

/**
 * The S3 event notification the user creates on the bucket (S3 console, or
 * `aws s3api put-bucket-notification-configuration`, which replaces the bucket's existing configuration).
 * All pipes of an account share one SQS queue: one notification on the raw/ prefix serves every dataset.
 */
export function renderS3EventNotification(target: SnowpipeTarget, queueArn?: string): string {
  const names = snowpipeNames(target);
  const prefix = names.rawLocation.slice(`s3://${target.s3.bucket}/`.length);
  const configuration = {
    QueueConfigurations: [
      {
        Id: 'puente-snowpipe',
        QueueArn: queueArn ?? '<notification_channel from SHOW PIPES>',
        Events: ['s3:ObjectCreated:*'],
        Filter: {
          Key: {
            FilterRules: [
              { Name: 'prefix', Value: prefix },
              { Name: 'suffix', Value: '.parquet' },
            ],
          },
        },
      },
    ],
  };
  return [
    `Bucket ${target.s3.bucket}: send s3:ObjectCreated:* events under ${prefix} to Snowpipe's SQS queue.`,
    `aws s3api put-bucket-notification-configuration --bucket ${target.s3.bucket} --notification-configuration '${JSON.stringify(configuration)}'`,
  ].join('\n');
}

export interface BoundStatement {
  sql: string;
  binds: SqlValue[];
}

/** SYSTEM$PIPE_STATUS of one dataset's pipe (a JSON text: executionState, pendingFileCount, ...). */
export function pipeStatusSql(target: SnowpipeTarget, dataset: DatasetName): BoundStatement {
  return { sql: 'SELECT SYSTEM$PIPE_STATUS(?) AS STATUS', binds: [snowpipeNames(target).pipe(dataset)] };
}

/** Per-file load outcomes of one raw table over the last `hours` hours. */
export function copyHistorySql(target: SnowpipeTarget, dataset: DatasetName, hours = 24): BoundStatement {
  const names = snowpipeNames(target);
  const database = names.schema.split('.')[0];
  return {
    sql: `SELECT FILE_NAME, STATUS, ROW_COUNT, FIRST_ERROR_MESSAGE, LAST_LOAD_TIME
FROM TABLE(${database}.INFORMATION_SCHEMA.COPY_HISTORY(TABLE_NAME => ?, START_TIME => DATEADD(HOUR, -?, CURRENT_TIMESTAMP())))
ORDER BY LAST_LOAD_TIME`,
    binds: [names.table(dataset), hours],
  };
}

/** The safety net for lost events: re-scan only one dataset's files of one day (REFRESH looks back 7 days). */
export function refreshPipeSql(target: SnowpipeTarget, dataset: DatasetName, date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`refresh date must be YYYY-MM-DD, got "${date}"`);
  return `ALTER PIPE ${snowpipeNames(target).pipe(dataset)} REFRESH PREFIX = 'dt=${date}/'`;
}

export type FileLoadStatus = 'loaded' | 'partially_loaded' | 'failed' | 'pending';

export interface FileLoadOutcome {
  key: string;
  status: FileLoadStatus;
  rows: number | null;
  firstError: string | null;
}

/**
 * Matches the staged keys of a run to COPY_HISTORY rows. FILE_NAME is the path as Snowflake reports
 * it, so keys match by suffix. A file with no history row yet is pending, never assumed loaded.
 */
export function fileOutcomes(
  stagedKeys: readonly string[],
  history: readonly Record<string, unknown>[],
): FileLoadOutcome[] {
  return stagedKeys.map((key) => {
    const found = history.filter((row) => {
      const name = String(row.FILE_NAME ?? '');
      return name !== '' && (name.endsWith(key) || key.endsWith(`/${name}`));
    });
    const row = found.at(-1);
    if (!row) return { key, status: 'pending', rows: null, firstError: null };
    const status = String(row.STATUS ?? '').toLowerCase();
    const rows = row.ROW_COUNT === null || row.ROW_COUNT === undefined ? null : Number(row.ROW_COUNT);
    const firstError = row.FIRST_ERROR_MESSAGE ? String(row.FIRST_ERROR_MESSAGE) : null;
    if (status === 'loaded') return { key, status: 'loaded', rows, firstError };
    if (status === 'partially loaded') return { key, status: 'partially_loaded', rows, firstError };
    if (status === 'load failed') return { key, status: 'failed', rows, firstError };
    return { key, status: 'pending', rows, firstError };
  });
}
