import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryGrid } from '../../../src/main/recon/grid-query';
import { DuckDbSession } from '../../../src/main/warehouse/duckdb/session';
import { syntheticReconciliation } from './synthetic-marts';

const ROWS = 1_000_000;
let session: DuckDbSession;

beforeAll(async () => {
  session = await DuckDbSession.open(':memory:');
  await syntheticReconciliation(session, ROWS);
});

afterAll(async () => {
  await session?.close();
});

describe('grid queries at a million rows (correctness; timing lives in bench/grid.mjs)', () => {
  it('reads the last page of a sorted million rows', async () => {
    const page = await queryGrid(session, {
      view: 'reconciliation',
      startRow: ROWS - 100,
      endRow: ROWS,
      sort: [{ colId: 'alta_amount', sort: 'desc' }],
    });
    expect(page.lastRow).toBe(ROWS);
    expect(page.rows).toHaveLength(100);
    // Smallest amounts last (i % 1000 = 0), ties broken by row_id ascending: the highest ids close the list.
    expect(page.rows.every((row) => row.alta_amount === '0.25')).toBe(true);
    expect(page.rows.at(-1)?.no_alta).toBe('058001-0999000');
    // Exact sum of 1000 x (0.25 .. 999.25): 1000 * (499.5 * 1000 + 250) = 499,750,000.00
    expect(page.totals.alta_amount).toBe('499750000.00');
  });

  it('filters a million rows with bound values and totals the match exactly', async () => {
    const page = await queryGrid(session, {
      view: 'reconciliation',
      startRow: 0,
      endRow: 50,
      filters: {
        lifecycle_status: { filterType: 'text', type: 'equals', filter: 'Sin contrarecibo' },
        alta_amount: { filterType: 'number', type: 'greaterThan', filter: 998.5 },
      },
      sort: [{ colId: 'no_alta', sort: 'desc' }],
    });
    expect(page.lastRow).toBe(1000);
    expect(page.totals.alta_amount).toBe('999250.00');
    expect(page.rows[0]?.no_alta).toBe('058001-0999999');
  });

  it('keeps an injection attempt bound at scale: nothing matches and the table is intact', async () => {
    const page = await queryGrid(session, {
      view: 'reconciliation',
      startRow: 0,
      endRow: 10,
      quickSearch: "'; DROP TABLE marts.reconciliation; --",
    });
    expect(page.lastRow).toBe(0);
    const [row] = await session.all('SELECT count(*) AS n FROM marts.reconciliation');
    expect(Number(row?.n)).toBe(ROWS);
  });
});
