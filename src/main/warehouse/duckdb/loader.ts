import { DATASET_NAMES, type DatasetName } from '../../ingest/datasets';
import { sha256OfFile } from '../../stage/staged-file';
import { RAW_SCHEMA, rawColumns, rawTableDdl, rawTableName, sqlType, stagedColumns } from '../raw-tables';
import type { SqlSession, SqlValue } from '../session';
import { mapFewAtATime } from './few-at-a-time';

/**
 * The embedded loader: each staged file enters `raw.<dataset>` exactly once. A batch of files is
 * loaded in one transaction: one INSERT per dataset reading all its files at once, then one ledger
 * insert, so a crash leaves either all of the batch's rows and ledger rows or none. A file whose key,
 * or whose content for the same dataset, is already in the ledger (or earlier in the batch) is skipped.
 */

const LEDGER_NAME = '_load_ledger';
export const LEDGER_TABLE = `${RAW_SCHEMA}.${LEDGER_NAME}`;

export interface StagedFileRef {
  key: string;
  /** A local copy of the staged Parquet file. */
  localPath: string;
  dataset: DatasetName;
  /**
   * sha256 of the staged file as the stage reported it, checked against the local copy. Omitted when
   * the local copy is the staged file itself (a local folder stage read in place): the loader hashes it.
   */
  sha256?: string;
}

/** A staged file whose local copy has been hashed (and checked against the stage's sha256, if given). */
type HashedFile = StagedFileRef & { sha256: string };

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

/** Test hook: runs inside the load transaction once per loaded file after the rows are inserted, before the ledger rows. */
export interface LoadFaults {
  afterInsert?: () => void | Promise<void>;
}

const LEDGER_DDL = `CREATE TABLE IF NOT EXISTS ${LEDGER_TABLE} (
  stage_key VARCHAR PRIMARY KEY,
  sha256 VARCHAR NOT NULL,
  dataset VARCHAR NOT NULL,
  rows BIGINT NOT NULL,
  loaded_at TIMESTAMP NOT NULL,
  UNIQUE (dataset, sha256)
)`;

/**
 * Creates schema raw, one table per dataset (adding columns a newer dataset contract has), and the
 * ledger. Runs before every load, so when everything exists it costs one catalog query.
 */
export async function ensureRawSchema(session: SqlSession): Promise<void> {
  const existing = await session.all(
    'SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = $1',
    [RAW_SCHEMA],
  );
  const columnsOf = new Map<string, Set<string>>();
  for (const row of existing) {
    const table = String(row.table_name);
    columnsOf.set(table, (columnsOf.get(table) ?? new Set()).add(String(row.column_name)));
  }
  if (columnsOf.size === 0) await session.run(`CREATE SCHEMA IF NOT EXISTS ${RAW_SCHEMA}`);
  if (!columnsOf.has(LEDGER_NAME)) await session.run(LEDGER_DDL);
  for (const dataset of DATASET_NAMES) {
    const have = columnsOf.get(dataset);
    if (!have) {
      await session.run(rawTableDdl(dataset, 'duckdb'));
      continue;
    }
    for (const column of rawColumns(dataset).filter((c) => !have.has(c.name)))
      await session.run(
        `ALTER TABLE ${rawTableName(dataset)} ADD COLUMN ${column.name} ${sqlType(column.type, 'duckdb')}`,
      );
  }
}

const LEDGER_COLUMNS = `stage_key, sha256, dataset, rows, strftime(loaded_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS loaded_at`;

function toLedgerEntry(row: Record<string, unknown>): LedgerEntry {
  return {
    stageKey: String(row.stage_key),
    sha256: String(row.sha256),
    dataset: String(row.dataset) as DatasetName,
    rows: Number(row.rows),
    loadedAt: String(row.loaded_at),
  };
}

/** `$from, $from+1, ...`: one placeholder per value. */
function placeholders(from: number, count: number): string {
  return Array.from({ length: count }, (_, i) => `$${from + i}`).join(', ');
}

/** ISO UTC instant -> the naive TIMESTAMP text DuckDB stores in `_loaded_at` and `loaded_at`. */
const asTimestamp = (iso: string) => iso.slice(0, -1);

/** Ledger rows holding any of `files` by key or by content, oldest first. */
async function ledgerRowsFor(tx: SqlSession, files: readonly HashedFile[]): Promise<LedgerEntry[]> {
  const n = files.length;
  const rows = await tx.all(
    `SELECT ${LEDGER_COLUMNS} FROM ${LEDGER_TABLE}
      WHERE stage_key IN (${placeholders(1, n)}) OR sha256 IN (${placeholders(n + 1, n)})
      ORDER BY loaded_at, stage_key`,
    [...files.map((f) => f.key), ...files.map((f) => f.sha256)],
  );
  return rows.map(toLedgerEntry);
}

/** What the batch does with one file: load it, or skip it for a ledger entry or an earlier file of the batch. */
type Decision =
  | { file: HashedFile; action: 'load' }
  | { file: HashedFile; action: 'skip'; previous: LedgerEntry }
  | { file: HashedFile; action: 'skip'; sameAs: HashedFile };

function decide(files: readonly HashedFile[], known: readonly LedgerEntry[]): Decision[] {
  const inBatch = new Map<string, HashedFile>();
  const contentId = (dataset: string, sha256: string) => `content ${dataset} ${sha256}`;
  return files.map((file): Decision => {
    const previous = known.find(
      (e) => e.stageKey === file.key || (e.dataset === file.dataset && e.sha256 === file.sha256),
    );
    if (previous) return { file, action: 'skip', previous };
    const sameAs = inBatch.get(`key ${file.key}`) ?? inBatch.get(contentId(file.dataset, file.sha256));
    if (sameAs) return { file, action: 'skip', sameAs };
    inBatch.set(`key ${file.key}`, file).set(contentId(file.dataset, file.sha256), file);
    return { file, action: 'load' };
  });
}

/** Rows per local path, from the Parquet footers (no data is read). */
async function rowCounts(tx: SqlSession, files: readonly StagedFileRef[]): Promise<Map<string, number>> {
  const rows = await tx.all(
    `SELECT file_name, num_rows FROM parquet_file_metadata([${placeholders(1, files.length)}])`,
    files.map((f) => f.localPath),
  );
  const counts = new Map(rows.map((row) => [String(row.file_name), Number(row.num_rows)]));
  for (const file of files)
    if (!counts.has(file.localPath))
      throw new Error(
        `DuckDB found no Parquet footer at ${file.localPath} (${file.key}): is it readable, and is its path free of * ? [ ?`,
      );
  return counts;
}

/** One INSERT for all of a dataset's files; each row's `_stage_key` is picked by the file it came from. */
async function insertRows(
  tx: SqlSession,
  dataset: DatasetName,
  files: readonly StagedFileRef[],
  loadedAt: string,
): Promise<void> {
  const staged = stagedColumns(dataset).map((c) => c.name);
  const n = files.length;
  await tx.run(
    `INSERT INTO ${rawTableName(dataset)} (${staged.join(', ')}, _stage_key, _loaded_at)
     SELECT ${staged.join(', ')}, [${placeholders(n + 1, n)}][file_index::BIGINT + 1], CAST($${2 * n + 1} AS TIMESTAMP)
       FROM read_parquet([${placeholders(1, n)}])`,
    [...files.map((f) => f.localPath), ...files.map((f) => f.key), asTimestamp(loadedAt)],
  );
}

async function recordInLedger(
  tx: SqlSession,
  files: readonly HashedFile[],
  rows: ReadonlyMap<string, number>,
  loadedAt: string,
): Promise<void> {
  const values = files.map((_, i) => `(${placeholders(4 * i + 2, 4)}, CAST($1 AS TIMESTAMP))`);
  await tx.run(
    `INSERT INTO ${LEDGER_TABLE} (stage_key, sha256, dataset, rows, loaded_at) VALUES ${values.join(', ')}`,
    [
      asTimestamp(loadedAt),
      ...files.flatMap((f): SqlValue[] => [f.key, f.sha256, f.dataset, rows.get(f.localPath) ?? 0]),
    ],
  );
}

async function loadWithin(
  tx: SqlSession,
  files: readonly HashedFile[],
  faults: LoadFaults,
): Promise<LoadOutcome[]> {
  const decisions = decide(files, await ledgerRowsFor(tx, files));
  const toLoad = decisions.filter((d) => d.action === 'load').map((d) => d.file);
  const loadedAt = new Date().toISOString();
  const rows = toLoad.length ? await rowCounts(tx, toLoad) : new Map<string, number>();
  for (const dataset of new Set(toLoad.map((f) => f.dataset)))
    await insertRows(
      tx,
      dataset,
      toLoad.filter((f) => f.dataset === dataset),
      loadedAt,
    );
  for (const _ of toLoad) await faults.afterInsert?.();
  if (toLoad.length) await recordInLedger(tx, toLoad, rows, loadedAt);
  return decisions.map((d): LoadOutcome => {
    if (d.action === 'load')
      return { key: d.file.key, status: 'loaded', rows: rows.get(d.file.localPath) ?? 0, loadedAt };
    if ('previous' in d)
      return {
        key: d.file.key,
        status: 'skipped',
        rows: d.previous.rows,
        loadedAt: d.previous.loadedAt,
        loadedAs: d.previous.stageKey,
      };
    return {
      key: d.file.key,
      status: 'skipped',
      rows: rows.get(d.sameAs.localPath) ?? 0,
      loadedAt,
      loadedAs: d.sameAs.key,
    };
  });
}

/** Files hashed at once: enough to overlap reads, few enough to stay far from open-file limits. */
const PARALLEL_HASHES = 8;

function hashLocalCopies(files: readonly StagedFileRef[]): Promise<HashedFile[]> {
  return mapFewAtATime(files, PARALLEL_HASHES, async (file) => {
    const actual = await sha256OfFile(file.localPath);
    if (file.sha256 !== undefined && actual !== file.sha256)
      throw new Error(
        `Staged file ${file.key} at ${file.localPath} has sha256 ${actual}, the stage said ${file.sha256}: fetch it again`,
      );
    return { ...file, sha256: actual };
  });
}

/**
 * Loads several staged files in ONE transaction (see the module comment): all of them with their
 * ledger rows, or none. Outcomes come in the order of `files`.
 */
export async function loadStagedFiles(
  session: SqlSession,
  files: readonly StagedFileRef[],
  faults: LoadFaults = {},
): Promise<LoadOutcome[]> {
  if (files.length === 0) return [];
  const hashed = await hashLocalCopies(files);
  return session.transaction((tx) => loadWithin(tx, hashed, faults));
}

/** Loads one staged file exactly once (see the module comment). */
export async function loadStagedFile(
  session: SqlSession,
  file: StagedFileRef,
  faults: LoadFaults = {},
): Promise<LoadOutcome> {
  const [outcome] = await loadStagedFiles(session, [file], faults);
  return outcome as LoadOutcome;
}

/** Every loaded file, newest first, for status and the UI. */
export async function ledger(session: SqlSession): Promise<LedgerEntry[]> {
  const rows = await session.all(
    `SELECT ${LEDGER_COLUMNS} FROM ${LEDGER_TABLE} ORDER BY loaded_at DESC, stage_key`,
  );
  return rows.map(toLedgerEntry);
}
