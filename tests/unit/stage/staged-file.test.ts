import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeStagedFile } from '../../../src/main/stage/staged-file';
import { DuckDbSession } from '../../../src/main/warehouse/duckdb/session';
import { altasBatch } from './fixtures';

const dir = mkdtempSync(join(tmpdir(), 'puente-staged-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeStagedFile', () => {
  it('writes typed Parquet with the lineage columns and exact values', async () => {
    const batch = altasBatch(50);
    const staged = await writeStagedFile(batch, dir);
    expect(staged.rows).toBe(50);
    expect(staged.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(staged.bytes).toBeGreaterThan(0);

    const db = await DuckDbSession.open(':memory:');
    const types = await db.all(
      'SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet($1))',
      [staged.path],
    );
    const typeOf = Object.fromEntries(types.map((t) => [t.column_name, t.column_type]));
    expect(typeOf).toMatchObject({
      no_alta: 'VARCHAR',
      fecha_alta: 'DATE',
      cant_recibida: 'DECIMAL(18,4)',
      importe: 'DECIMAL(18,2)',
      total_items: 'BIGINT',
      _src_file: 'VARCHAR',
      _src_row: 'BIGINT',
    });
    const [first] = await db.all('SELECT * FROM read_parquet($1) ORDER BY _src_row LIMIT 1', [staged.path]);
    expect(first).toMatchObject({
      no_alta: '058000-100000',
      fecha_alta: '2025-01-10',
      importe: '1000.00',
      total_items: null,
      clas_ptal_recep: '058001000000',
      _src_file: batch.srcFile,
      _src_row: '2',
    });
    await db.close();
  });

  it('gives the same bytes for the same batch, and different bytes for different rows', async () => {
    const a = await writeStagedFile(altasBatch(200), join(dir, 'one'));
    const b = await writeStagedFile(altasBatch(200), join(dir, 'two'));
    const c = await writeStagedFile(altasBatch(200, 'b'), join(dir, 'three'));
    expect(b.sha256).toBe(a.sha256);
    expect(c.sha256).not.toBe(a.sha256);
  });

  it('writes an empty file for a report with no rows', async () => {
    const staged = await writeStagedFile(altasBatch(0, 'empty'), dir);
    const db = await DuckDbSession.open(':memory:');
    const [row] = await db.all('SELECT count(*) AS n FROM read_parquet($1)', [staged.path]);
    expect(row?.n).toBe('0');
    await db.close();
  });

  it('refuses a value that is not of its column type, naming the dataset and file', async () => {
    const batch = altasBatch(3, 'bad');
    const row = batch.rows[1];
    if (row) row.values.importe = '12,50';
    await expect(writeStagedFile(batch, dir)).rejects.toThrow(/sai_altas rows from landing\//);
  });
});
