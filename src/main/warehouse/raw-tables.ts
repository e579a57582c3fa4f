import {
  type ColumnSpec,
  type ColumnType,
  DATASETS,
  type DatasetName,
  LINEAGE_COLUMNS,
  SQL_TYPES,
} from '../ingest/datasets';
import type { Dialect } from './session';

/**
 * The raw tables the loaders fill and the models read through `source('raw', '<dataset>')`:
 * the dataset columns, then the staged lineage (`_src_file`, `_src_row`), then what the warehouse
 * adds when it loads a staged file (`_stage_key`, `_loaded_at`, UTC).
 */

export const RAW_SCHEMA = 'raw';

const SNOWFLAKE_TYPES: Record<ColumnType, string> = {
  text: 'VARCHAR',
  money: 'NUMBER(18,2)',
  decimal: 'NUMBER(18,4)',
  integer: 'NUMBER(38,0)',
  date: 'DATE',
  timestamp: 'TIMESTAMP_NTZ',
};

export const WAREHOUSE_LINEAGE_COLUMNS: readonly ColumnSpec[] = [
  { name: '_stage_key', type: 'text' },
  { name: '_loaded_at', type: 'timestamp' },
];

export function sqlType(type: ColumnType, dialect: Dialect): string {
  return dialect === 'duckdb' ? SQL_TYPES[type] : SNOWFLAKE_TYPES[type];
}

/** Columns a staged file holds: the dataset's, then `_src_file`, `_src_row`. */
export function stagedColumns(dataset: DatasetName): readonly ColumnSpec[] {
  return [...DATASETS[dataset], ...LINEAGE_COLUMNS];
}

/** Columns of the raw table: the staged ones, then `_stage_key`, `_loaded_at`. */
export function rawColumns(dataset: DatasetName): readonly ColumnSpec[] {
  return [...stagedColumns(dataset), ...WAREHOUSE_LINEAGE_COLUMNS];
}

export function rawTableName(dataset: DatasetName, schema = RAW_SCHEMA): string {
  return `${schema}.${dataset}`;
}

/** `CREATE TABLE IF NOT EXISTS <schema>.<dataset> (...)` for the given warehouse. */
export function rawTableDdl(dataset: DatasetName, dialect: Dialect, schema = RAW_SCHEMA): string {
  const columns = rawColumns(dataset).map((c) => `  ${c.name} ${sqlType(c.type, dialect)}`);
  return `CREATE TABLE IF NOT EXISTS ${rawTableName(dataset, schema)} (\n${columns.join(',\n')}\n)`;
}
