import { describe, expect, it } from 'vitest';
import { DATASET_NAMES } from '../../../src/main/ingest/datasets';
import { DuckDbSession } from '../../../src/main/warehouse/duckdb/session';
import { rawColumns, stagedColumns } from '../../../src/main/warehouse/raw-tables';
import { applySnowflakeSetup } from '../../../src/main/warehouse/snowflake/setup';
import {
  copyHistorySql,
  fileOutcomes,
  pipeStatusSql,
  refreshPipeSql,
  renderS3EventNotification,
  renderSnowflakeSetup,
  type SnowpipeTarget,
} from '../../../src/main/warehouse/snowflake/snowpipe';
import { parseSnowflake } from './snowflake-sql-parser';

const target: SnowpipeTarget = {
  snowflake: { database: 'puente_db', schema: 'RAW' },
  s3: { bucket: 'acme-puente', prefix: 'prod/' },
  storageIntegrationRoleArn: 'arn:aws:iam::123456789012:role/snowflake-read',
};
const setup = renderSnowflakeSetup(target);
const sqlOf = (purpose: RegExp) => setup.statements.filter((s) => purpose.test(s.purpose)).map((s) => s.sql);

describe('Snowpipe DDL rendering', () => {
  it('orders integration, schema, file format, stage, tables, pipes, then SHOW PIPES', () => {
    const heads = setup.statements.map((s) => s.sql.split(/\s+/).slice(0, 3).join(' '));
    expect(heads.slice(0, 4)).toEqual([
      'CREATE STORAGE INTEGRATION',
      'CREATE SCHEMA IF',
      'CREATE FILE FORMAT',
      'CREATE STAGE IF',
    ]);
    expect(heads.filter((h) => h === 'CREATE TABLE IF')).toHaveLength(DATASET_NAMES.length);
    expect(heads.filter((h) => h === 'CREATE PIPE IF')).toHaveLength(DATASET_NAMES.length);
    expect(heads.at(-1)).toBe('SHOW PIPES IN');
    expect(setup.placeholders).toEqual([]);
    // Idempotent: nothing is replaced (a replaced pipe forgets which files it loaded).
    for (const { sql } of setup.statements) expect(sql).not.toMatch(/OR REPLACE/);
  });

  it('points the integration and the stage at <prefix>raw/ of the bucket', () => {
    const [integration] = sqlOf(/storage integration/);
    expect(integration).toContain("STORAGE_AWS_ROLE_ARN = 'arn:aws:iam::123456789012:role/snowflake-read'");
    expect(integration).toContain("STORAGE_ALLOWED_LOCATIONS = ('s3://acme-puente/prod/raw/')");
    expect(sqlOf(/external stage/)[0]).toMatch(
      /^CREATE STAGE IF NOT EXISTS PUENTE_DB\.RAW\.PUENTE_STAGE URL = 's3:\/\/acme-puente\/prod\/raw\/' STORAGE_INTEGRATION = PUENTE_S3 /,
    );
  });

  it('gives one auto-ingest pipe per dataset, on disjoint prefixes, with typed columns and lineage', () => {
    const pipes = sqlOf(/auto-ingest pipe/);
    const prefixes = pipes.map((sql) => /FROM @PUENTE_DB\.RAW\.PUENTE_STAGE\/([a-z_]+)\/\)/.exec(sql)?.[1]);
    expect(prefixes).toEqual(DATASET_NAMES);
    const altas = pipes[DATASET_NAMES.indexOf('sai_altas')] ?? '';
    expect(altas).toMatch(
      /^CREATE PIPE IF NOT EXISTS PUENTE_DB\.RAW\.SAI_ALTAS_PIPE AUTO_INGEST = TRUE AS\nCOPY INTO /,
    );
    expect(altas).toContain('$1:importe::NUMBER(18,2)');
    expect(altas).toContain('$1:fecha_alta::DATE');
    expect(altas).toContain('$1:_src_row::NUMBER(38,0)');
    expect(altas).toContain('METADATA$FILENAME');
    expect(altas).toContain('METADATA$START_SCAN_TIME');
    expect(altas).not.toContain('CURRENT_TIMESTAMP');
    expect(altas).toContain(
      `(${rawColumns('sai_altas')
        .map((c) => c.name)
        .join(', ')})`,
    );
  });

  it('marks a missing IAM role ARN as a placeholder and refuses to apply it', async () => {
    const { storageIntegrationRoleArn: _, ...withoutRole } = target;
    const draft = renderSnowflakeSetup(withoutRole);
    expect(draft.placeholders).toHaveLength(1);
    expect(draft.statements[0]?.sql).toContain('<AWS_ACCOUNT_ID>');
    const session = await DuckDbSession.open(':memory:');
    await expect(applySnowflakeSetup(session, withoutRole)).rejects.toThrow(/placeholders/);
    await session.close();
  });

  it('refuses identifiers and bucket names that would inject SQL', () => {
    expect(() =>
      renderSnowflakeSetup({ ...target, snowflake: { database: 'x; DROP', schema: 'RAW' } }),
    ).toThrow(/plain Snowflake identifier/);
    expect(() => renderSnowflakeSetup({ ...target, s3: { bucket: "b'x", prefix: '' } })).toThrow(
      /bucket name/,
    );
    expect(() => refreshPipeSql(target, 'sai_altas', "2025-07-01' OR 1=1")).toThrow(/YYYY-MM-DD/);
  });

  it('renders the bucket notification for the raw/ prefix and the SQS ARN', () => {
    const text = renderS3EventNotification(target, 'arn:aws:sqs:us-east-1:111:sf-snowpipe-AIDA');
    const json = JSON.parse(/'(\{.*\})'/.exec(text)?.[1] ?? '{}');
    expect(json.QueueConfigurations[0]).toMatchObject({
      QueueArn: 'arn:aws:sqs:us-east-1:111:sf-snowpipe-AIDA',
      Events: ['s3:ObjectCreated:*'],
      Filter: {
        Key: {
          FilterRules: [
            { Name: 'prefix', Value: 'prod/raw/' },
            { Name: 'suffix', Value: '.parquet' },
          ],
        },
      },
    });
  });

  it('maps COPY_HISTORY rows to per-file outcomes, leaving unseen files pending', () => {
    const keys = [
      'raw/sai_altas/dt=2025-07-01/R1_aaaaaaaa.parquet',
      'raw/sai_altas/dt=2025-07-01/R1_bbbbbbbb.parquet',
      'raw/sai_altas/dt=2025-07-01/R1_cccccccc.parquet',
    ];
    const outcomes = fileOutcomes(keys, [
      { FILE_NAME: 'sai_altas/dt=2025-07-01/R1_aaaaaaaa.parquet', STATUS: 'Loaded', ROW_COUNT: '120' },
      {
        FILE_NAME: 'prod/raw/sai_altas/dt=2025-07-01/R1_bbbbbbbb.parquet',
        STATUS: 'Load failed',
        ROW_COUNT: '0',
        FIRST_ERROR_MESSAGE: 'Numeric value is out of range',
      },
    ]);
    expect(outcomes).toEqual([
      { key: keys[0], status: 'loaded', rows: 120, firstError: null },
      { key: keys[1], status: 'failed', rows: 0, firstError: 'Numeric value is out of range' },
      { key: keys[2], status: 'pending', rows: null, firstError: null },
    ]);
  });
});

describe('every rendered Snowflake statement, parsed by sqlglot (Snowflake dialect)', () => {
  const statements = [
    ...setup.statements.map((s) => s.sql),
    pipeStatusSql(target, 'sai_altas').sql,
    copyHistorySql(target, 'prei_invoices').sql,
  ];
  const refresh = refreshPipeSql(target, 'sai_altas', '2025-07-01');
  const parsed = parseSnowflake([
    ...statements,
    refresh,
    'CREATE TABLE t (a NUMBER(18,2)',
    '$1:x::NUMBER(18,2',
  ]);
  const [refreshResult, brokenTable, brokenCast] = parsed.results.slice(statements.length);

  it('parses them all without an error', () => {
    const failures = parsed.results
      .slice(0, statements.length)
      .map((result, i) => ({ sql: statements[i], error: result.error }))
      .filter((f) => f.error);
    expect(failures).toEqual([]);
  });

  it('reads each raw table with its columns and lineage, and each pipe SELECT with one value per column', () => {
    const byHead = (head: string) => parsed.results.filter((_, i) => statements[i]?.startsWith(head));
    const tables = byHead('CREATE TABLE');
    expect(tables.map((t) => t.columns)).toEqual(DATASET_NAMES.map((d) => rawColumns(d).map((c) => c.name)));
    const pipes = byHead('CREATE PIPE');
    expect(pipes.map((p) => p.pipeSelect)).toEqual(
      DATASET_NAMES.map((d) => ({ kind: 'Select', selected: stagedColumns(d).length + 2 })),
    );
    expect(byHead('SELECT').map((s) => s.kind)).toEqual(['Select', 'Select']);
  });

  it('is a real parser: broken statements are rejected', () => {
    expect(brokenTable?.error).toBeTruthy();
    expect(brokenCast?.error).toBeTruthy();
  });

  // sqlglot 10.x (Debian 12) has no ALTER PIPE grammar at all; the refresh is checked by shape here and
  // by the parser wherever a newer sqlglot is installed.
  it('renders the narrow refresh of one dataset and day', () => {
    expect(refresh).toBe("ALTER PIPE PUENTE_DB.RAW.SAI_ALTAS_PIPE REFRESH PREFIX = 'dt=2025-07-01/'");
  });
  it.skipIf(Number(parsed.version.split('.')[0]) < 11)('parses the refresh statement (sqlglot >= 11)', () => {
    expect(refreshResult?.error).toBeUndefined();
  });
});
