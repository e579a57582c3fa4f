import { readFileSync } from 'node:fs';
import { type ColumnType, SQL_TYPES } from '../ingest/datasets';
import type { SqlSession, SqlValue } from '../warehouse/session';
import type { SeedFile } from './project';

/**
 * Reference data kept as CSV in sql/seeds: the header names each column with its canonical type
 * (`no_contrato:text,ceiling_amount:money`), values are plain (no quotes, no commas inside), empty = NULL.
 * Each build replaces the seed tables whole, so editing a seed is enough to change the reference data.
 */
export interface SeedTable {
  name: string;
  columns: Array<{ name: string; type: ColumnType }>;
  rows: Array<Array<string | null>>;
}

export function parseSeed(seed: SeedFile): SeedTable {
  const lines = readFileSync(seed.path, 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '');
  const [header, ...body] = lines;
  if (!header) throw new Error(`Seed ${seed.name} is empty`);
  const columns = header.split(',').map((cell) => {
    const [name = '', type = ''] = cell.trim().split(':');
    if (!/^[a-z_][a-z0-9_]*$/.test(name) || !(type in SQL_TYPES)) {
      throw new Error(
        `Seed ${seed.name}: header cell "${cell}" must be name:type (${Object.keys(SQL_TYPES)})`,
      );
    }
    return { name, type: type as ColumnType };
  });
  const rows = body.map((line, index) => {
    if (line.includes('"')) throw new Error(`Seed ${seed.name} line ${index + 2}: quotes are not supported`);
    const cells = line.split(',').map((cell) => (cell.trim() === '' ? null : cell.trim()));
    if (cells.length !== columns.length) {
      throw new Error(
        `Seed ${seed.name} line ${index + 2}: ${cells.length} values for ${columns.length} columns`,
      );
    }
    return cells;
  });
  return { name: seed.name, columns, rows };
}

export function seedTableDdl(table: SeedTable): string {
  const columns = table.columns.map((column) => `${column.name} ${SQL_TYPES[column.type]}`).join(', ');
  return `CREATE OR REPLACE TABLE seeds.${table.name} (${columns})`;
}

export async function loadSeed(session: SqlSession, table: SeedTable): Promise<void> {
  await session.run(seedTableDdl(table));
  if (table.rows.length === 0) return;
  const placeholder = (position: number) => (session.dialect === 'duckdb' ? `$${position}` : '?');
  const width = table.columns.length;
  const tuples = table.rows.map(
    (_, row) =>
      `(${table.columns
        .map((column, index) => `CAST(${placeholder(row * width + index + 1)} AS ${SQL_TYPES[column.type]})`)
        .join(', ')})`,
  );
  const binds: SqlValue[] = table.rows.flat();
  await session.run(`INSERT INTO seeds.${table.name} VALUES ${tuples.join(', ')}`, binds);
}
