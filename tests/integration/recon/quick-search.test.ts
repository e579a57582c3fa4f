import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelStateDdl, recordState } from '../../../src/main/models/fingerprints';
import { queryGrid } from '../../../src/main/recon/grid-query';
import { DuckDbSession } from '../../../src/main/warehouse/duckdb/session';
import { syntheticReconciliation } from './synthetic-marts';

let session: DuckDbSession;

beforeAll(async () => {
  session = await DuckDbSession.open(':memory:');
  await syntheticReconciliation(session, 4_000);
});

afterAll(async () => {
  await session?.close();
});

const search = (quickSearch: string, startRow = 0) =>
  queryGrid(session, { view: 'reconciliation', startRow, endRow: startRow + 100, quickSearch });

describe('quick search through the search index', () => {
  it('matches every word, case-insensitively, in any searchable column', async () => {
    // 'u220001' is the contract of i % 40 = 1 (100 rows); 'EN PROCESO' the status of i % 4 = 1.
    const page = await search('EN PROCESO u220001');
    expect(page.lastRow).toBe(100);
    expect(
      page.rows.every((row) => row.no_contrato === 'U220001' && row.lifecycle_status === 'En proceso'),
    ).toBe(true);
    // Amounts are (i % 1000) + 0.25 for i = 1, 41, 81 ... 3961: summed in integer cents.
    const cents = Array.from({ length: 100 }, (_, k) => ((1 + 40 * k) % 1000) * 100 + 25).reduce(
      (a, b) => a + b,
    );
    expect(page.totals.alta_amount).toBe(
      `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`,
    );
  });

  it('keeps concurrent searches apart: each reads its own hits', async () => {
    const [paid, alta] = await Promise.all([search('pagado'), search('058001-0003999'), search('aprobado')]);
    expect(paid?.lastRow).toBe(1_000);
    expect(paid?.rows.every((row) => row.lifecycle_status === 'Pagado')).toBe(true);
    expect(alta?.rows.map((row) => row.no_alta)).toEqual(['058001-0003999']);
  });

  it('pages through the hits of the same search', async () => {
    const second = await search('pagado', 100);
    expect(second.lastRow).toBe(1_000);
    expect(second.rows[0]?.no_alta).toBe('058001-0000400');
  });

  it('sees a rebuilt mart: the index follows the new table', async () => {
    expect((await search('058001-0004500')).lastRow).toBe(0);
    await syntheticReconciliation(session, 5_000);
    expect((await search('058001-0004500')).rows.map((row) => row.no_alta)).toEqual(['058001-0004500']);
    expect((await search('pagado')).lastRow).toBe(1_250);
  });

  it('sees a mart updated in place by a build (a post hook), though its table and row count stay', async () => {
    const before = (await search('pagado')).lastRow;
    await session.run(
      "UPDATE marts.reconciliation SET lifecycle_status = 'Pagado' WHERE no_alta = '058001-0004501' AND lifecycle_status <> 'Pagado'",
    );
    // As the runner does in the same transaction as the model it wrote.
    await session.run('CREATE SCHEMA IF NOT EXISTS app');
    await session.run(modelStateDdl());
    await recordState(session, 'reconciliation', { fingerprint: 'f', definition: 'd' });
    expect((await search('pagado')).lastRow).toBe(before + 1);
  });

  it('treats wildcards and quotes as text', async () => {
    expect((await search("%' OR 1=1 --")).lastRow).toBe(0);
    expect((await search('_')).lastRow).toBe(0);
  });
});
