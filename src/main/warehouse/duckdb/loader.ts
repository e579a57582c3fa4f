import { DATASET_NAMES, type DatasetName } from '../../ingest/datasets';
import { sha256OfFile } from '../../stage/staged-file';
import { RAW_SCHEMA, rawColumns, rawTableDdl, rawTableName, sqlType, stagedColumns } from '../raw-tables';
import type { SqlSession } from '../session';

/**
 * The embedded loader: each staged file enters `raw.<dataset>` exactly once. Its rows and its ledger
 * row are written in one transaction, so a crash leaves either both or neither; a file whose key, or
 * whose content for the same dataset, is already in the ledger is skipped.
 */

export const LEDGER_TABLE = `${RAW_SCHEMA}._load_ledger`;

export interface StagedFileRef {
  key: string;
  /** A local copy of the staged Parquet file. */
  localPath: string;
  dataset: DatasetName;
  /** sha256 of the staged file, as the stage reported it; checked against the local copy. */
  sha256: string;
}

export interface LoadOutcome {
  key: string;
  status: 'loaded' | 'skipped';
  rows: number;
  /** When the file was loaded (this time, or the earlier load that made this one a skip), UTC. */
  loadedAt: string;
  /** For a skip: the ledger key that already holds this file. */
  loadedAs?: string;
}

export interface LedgerEntry {
  stageKey: string;
  sha256: string;
  dataset: DatasetName;
  rows: number;
  loadedAt: string;
}

/** Test hook: runs inside the load transaction after the rows are inserted, before the ledger row. */
export interface LoadFaults {
  afterInsert?: () => void | Promise<void>;
}

/** Creates schema raw, one table per dataset (adding columns a newer dataset contract has), and the ledger. */
export async function ensureRawSchema(session: SqlSession): Promise<void> {
  await session.run(`CREATE SCHEMA IF NOT EXISTS ${RAW_SCHEMA}`);
  await session.run(
    `CREATE TABLE IF NOT EXISTS ${LEDGER_TABLE} (
      stage_key VARCHAR PRIMARY KEY,
      sha256 VARCHAR NOT NULL,
      dataset VARCHAR NOT NULL,
      rows BIGINT NOT NULL,
      loaded_at TIMESTAMP NOT NULL,
      UNIQUE (dataset, sha256)
    )`,
  );
  for (const dataset of DATASET_NAMES) {
    await session.run(rawTableDdl(dataset, 'duckdb'));
    const existing = await session.all(
      'SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2',
      [RAW_SCHEMA, dataset],
    );
    const have = new Set(existing.map((row) => String(row.column_name)));
    for (const column of rawColumns(dataset).filter((c) => !have.has(c.name)))
      await session.run(
        `ALTER TABLE ${rawTableName(dataset)} ADD COLUMN ${column.name} ${sqlType(column.type, 'duckdb')}`,
      );
  }
}

async function findInLedger(session: SqlSession, file: StagedFileRef): Promise<LedgerEntry | undefined> {
  const rows = await session.all(
    `SELECT stage_key, sha256, dataset, rows, strftime(loaded_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS loaded_at
       FROM ${LEDGER_TABLE} WHERE stage_key = $1 OR (dataset = $2 AND sha256 = $3) ORDER BY loaded_at LIMIT 1`,
    [file.key, file.dataset, file.sha256],
  );
  return rows[0] ? toLedgerEntry(rows[0]) : undefined;
}

function toLedgerEntry(row: Record<string, unknown>): LedgerEntry {
  return {
    stageKey: String(row.stage_key),
    sha256: String(row.sha256),
    dataset: String(row.dataset) as DatasetName,
    rows: Number(row.rows),
    loadedAt: String(row.loaded_at),
  };
}

/** Loads one staged file exactly once (see the module comment). */
export function loadStagedFile(
  session: SqlSession,
  file: StagedFileRef,
  faults: LoadFaults = {},
): Promise<LoadOutcome> {
  return session.transaction((tx) => loadWithin(tx, file, faults));
}

/**
 * Loads several staged files in ONE transaction (one commit instead of one per file): all of them
 * with their ledger rows, or none. Each file is still loaded at most once.
 */
export function loadStagedFiles(
  session: SqlSession,
  files: readonly StagedFileRef[],
  faults: LoadFaults = {},
): Promise<LoadOutcome[]> {
  return session.transaction(async (tx) => {
    const outcomes: LoadOutcome[] = [];
    for (const file of files) outcomes.push(await loadWithin(tx, file, faults));
    return outcomes;
  });
}

async function loadWithin(tx: SqlSession, file: StagedFileRef, faults: LoadFaults): Promise<LoadOutcome> {
  const actual = await sha256OfFile(file.localPath);
  if (actual !== file.sha256)
    throw new Error(
      `Staged file ${file.key} at ${file.localPath} has sha256 ${actual}, the stage said ${file.sha256}: fetch it again`,
    );
  const previous = await findInLedger(tx, file);
  if (previous)
    return {
      key: file.key,
      status: 'skipped',
      rows: previous.rows,
      loadedAt: previous.loadedAt,
      loadedAs: previous.stageKey,
    };
  const loadedAt = new Date().toISOString();
  const staged = stagedColumns(file.dataset).map((c) => c.name);
  const [counted] = await tx.all('SELECT count(*) AS n FROM read_parquet($1)', [file.localPath]);
  const rows = Number(counted?.n ?? 0);
  await tx.run(
    `INSERT INTO ${rawTableName(file.dataset)} (${staged.join(', ')}, _stage_key, _loaded_at)
     SELECT ${staged.join(', ')}, $2, CAST($3 AS TIMESTAMP) FROM read_parquet($1)`,
    [file.localPath, file.key, loadedAt.slice(0, -1)],
  );
  await faults.afterInsert?.();
  await tx.run(
    `INSERT INTO ${LEDGER_TABLE} (stage_key, sha256, dataset, rows, loaded_at) VALUES ($1, $2, $3, $4, CAST($5 AS TIMESTAMP))`,
    [file.key, file.sha256, file.dataset, rows, loadedAt.slice(0, -1)],
  );
  return { key: file.key, status: 'loaded', rows, loadedAt };
}

/** Every loaded file, newest first, for status and the UI. */
export async function ledger(session: SqlSession): Promise<LedgerEntry[]> {
  const rows = await session.all(
    `SELECT stage_key, sha256, dataset, rows, strftime(loaded_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS loaded_at
       FROM ${LEDGER_TABLE} ORDER BY loaded_at DESC, stage_key`,
  );
  return rows.map(toLedgerEntry);
}
