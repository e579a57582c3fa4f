import { DATASETS, type DatasetName, SQL_TYPES } from '../../../src/main/ingest/datasets';
import type { SqlSession } from '../../../src/main/warehouse/session';

/**
 * Creates the raw tables the models read (raw.<dataset>: the dataset's typed columns plus lineage)
 * until the loader's own DDL lands, and inserts crafted rows through bound parameters.
 */
export async function createRawTables(session: SqlSession): Promise<void> {
  await session.run('CREATE SCHEMA IF NOT EXISTS raw');
  for (const [dataset, columns] of Object.entries(DATASETS)) {
    const typed = columns.map((column) => `${column.name} ${SQL_TYPES[column.type]}`);
    const lineage = ['_src_file VARCHAR', '_src_row BIGINT', '_stage_key VARCHAR', '_loaded_at TIMESTAMP'];
    await session.run(`CREATE TABLE IF NOT EXISTS raw.${dataset} (${[...typed, ...lineage].join(', ')})`);
  }
}

export type RawRow = Record<string, string | number | null>;

/** Inserts rows by column name; columns a row leaves out are NULL. */
export async function insertRaw(
  session: SqlSession,
  dataset: DatasetName,
  rows: readonly RawRow[],
  load: { file: string; loadedAt: string },
): Promise<void> {
  const columns = [
    ...DATASETS[dataset].map((column) => column.name),
    '_src_file',
    '_src_row',
    '_stage_key',
    '_loaded_at',
  ];
  for (const [index, row] of rows.entries()) {
    const values = {
      ...row,
      _src_file: load.file,
      _src_row: index + 1,
      _stage_key: load.file,
      _loaded_at: load.loadedAt,
    };
    const binds = columns.map((column) => {
      const value = (values as RawRow)[column];
      return value === undefined ? null : value;
    });
    const placeholders = columns.map((_, position) => `$${position + 1}`).join(', ');
    await session.run(`INSERT INTO raw.${dataset} (${columns.join(', ')}) VALUES (${placeholders})`, binds);
  }
}
