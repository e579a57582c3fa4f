import Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordDecisions } from '../../../src/main/recon/decisions';
import { reconDetail } from '../../../src/main/recon/detail';
import { queryGrid } from '../../../src/main/recon/grid-query';
import { overviewTiles } from '../../../src/main/recon/overview';
import { rebuildAfterDecisions } from '../../../src/main/recon/rebuild';
import { GridRequestError } from '../../../src/main/recon/views';
import type { DuckDbSession } from '../../../src/main/warehouse/duckdb/session';
import { alta, uuid } from '../models/crafted-world';
import { craftedWarehouse } from './crafted-warehouse';

let session: DuckDbSession;

beforeAll(async () => {
  session = await craftedWarehouse(':memory:');
});

afterAll(async () => {
  await session?.close();
});

const worklist = async () =>
  (await queryGrid(session, { view: 'unmatched_invoices', startRow: 0, endRow: 100 })).rows;

describe('grid queries over the marts', () => {
  it('pages, sorts with a stable tie-break and counts every matching row', async () => {
    const n = (await session.all('SELECT count(*) AS n FROM marts.reconciliation'))[0]?.n;
    const first = await queryGrid(session, {
      view: 'reconciliation',
      startRow: 0,
      endRow: 3,
      sort: [{ colId: 'alta_amount', sort: 'desc' }],
    });
    expect(first.lastRow).toBe(Number(n));
    expect(first.rows.map((row) => row.alta_amount)).toEqual(['1000.00', '500.00', '325.00']);
    const all = await queryGrid(session, {
      view: 'reconciliation',
      startRow: 0,
      endRow: 100,
      sort: [{ colId: 'alta_amount', sort: 'desc' }],
    });
    const next = await queryGrid(session, {
      view: 'reconciliation',
      startRow: 3,
      endRow: 6,
      sort: [{ colId: 'alta_amount', sort: 'desc' }],
    });
    expect(next.rows.map((row) => row.row_id)).toEqual(all.rows.slice(3, 6).map((row) => row.row_id));
  });

  it('applies text, number and date filters and returns exact money totals of the matching rows', async () => {
    const notInPrei = await queryGrid(session, {
      view: 'reconciliation',
      startRow: 0,
      endRow: 50,
      filters: {
        lifecycle_status: { filterType: 'text', type: 'equals', filter: 'facturada SIN cargar a prei' },
      },
    });
    expect(notInPrei.rows.map((row) => row.no_alta).sort()).toEqual([alta(3), alta(4), alta(6), alta(11)]);
    expect(notInPrei.totals.alta_amount).toBe('660.00');

    const big = await queryGrid(session, {
      view: 'reconciliation',
      startRow: 0,
      endRow: 50,
      filters: {
        alta_amount: { filterType: 'number', type: 'greaterThanOrEqual', filter: 250 },
        fecha_alta: { filterType: 'date', type: 'lessThan', dateFrom: '2025-07-12 00:00:00' },
      },
    });
    expect(big.rows.map((row) => row.no_alta).sort()).toEqual([alta(1), alta(2), alta(13)]);
    const sum = big.rows.reduce((total, row) => total.plus(String(row.alta_amount)), new Decimal(0));
    expect(big.totals.alta_amount).toBe(sum.toFixed(2));

    const either = await queryGrid(session, {
      view: 'reconciliation',
      startRow: 0,
      endRow: 50,
      filters: {
        no_alta: {
          filterType: 'text',
          operator: 'OR',
          conditions: [
            { filterType: 'text', type: 'endsWith', filter: '000001' },
            { filterType: 'text', type: 'endsWith', filter: '000002' },
          ],
        },
      },
    });
    expect(either.rows.map((row) => row.no_alta).sort()).toEqual([alta(1), alta(2)]);
  });

  it('quick-searches the text columns, word by word', async () => {
    const page = await queryGrid(session, {
      view: 'reconciliation',
      startRow: 0,
      endRow: 50,
      quickSearch: '000012 diferencia',
    });
    expect(page.rows.map((row) => row.no_alta)).toEqual([alta(12)]);
  });

  it('keeps leading zeros and types: ids as text, money as exact strings', async () => {
    const [row] = (
      await queryGrid(session, {
        view: 'reconciliation',
        startRow: 0,
        endRow: 1,
        filters: { no_alta: { filterType: 'text', type: 'equals', filter: alta(1) } },
      })
    ).rows;
    expect(row).toMatchObject({ contra_recibo: '00504675', unidad_negocio: '00058', alta_amount: '1000.00' });
  });

  it('refuses columns outside the whitelist and filters that do not fit the column', async () => {
    await expect(
      queryGrid(session, {
        view: 'reconciliation',
        startRow: 0,
        endRow: 5,
        sort: [{ colId: '1; DROP', sort: 'asc' }],
      }),
    ).rejects.toThrow(GridRequestError);
    await expect(
      queryGrid(session, {
        view: 'reconciliation',
        startRow: 0,
        endRow: 5,
        filters: { alta_amount: { filterType: 'text', type: 'contains', filter: '1' } },
      }),
    ).rejects.toThrow(/does not apply/);
  });

  it('keeps SQL injection attempts bound: no rows match and the marts survive', async () => {
    for (const attack of [
      "x' OR '1'='1",
      "'; DROP TABLE marts.reconciliation; --",
      "%' UNION SELECT * FROM app.decisions --",
    ]) {
      const page = await queryGrid(session, {
        view: 'reconciliation',
        startRow: 0,
        endRow: 50,
        quickSearch: attack,
        filters: { no_alta: { filterType: 'text', type: 'contains', filter: attack } },
      });
      expect(page.rows).toEqual([]);
      expect(page.lastRow).toBe(0);
    }
    const n = (await session.all('SELECT count(*) AS n FROM marts.reconciliation'))[0]?.n;
    expect(Number(n)).toBeGreaterThan(10);
  });
});

describe('detail chain', () => {
  it('follows an alta to its order, invoice, PREI history, decisions and raw files', async () => {
    const detail = await reconDetail(session, { noAlta: alta(8) });
    expect(detail.row?.lifecycle_status).toBe('Sin contrarecibo');
    expect(detail.order?.no_orden).toBe('40000008');
    expect(detail.altas.map((row) => row.no_alta)).toEqual([alta(8)]);
    expect(detail.invoice?.uuid).toBe(uuid(8));
    // Day 1 "En proceso" with CR 00504677, then withdrawn on day 2.
    expect(detail.preiHistory.map((row) => row.contra_recibo)).toEqual(['00504677', null]);
    expect(detail.lineage.map((entry) => entry.step)).toEqual(['order', 'alta', 'invoice', 'prei', 'prei']);
    expect(detail.lineage.find((entry) => entry.step === 'alta')).toEqual({
      step: 'alta',
      file: 'landing/altas-2.xlsx',
      row: '8',
    });
  });

  it('shows the match candidates of an alta and the decisions on an item', async () => {
    const twin = await reconDetail(session, { noAlta: alta(4) });
    // The alta's own candidates and the other altas competing for its invoice.
    expect(twin.candidates.map((row) => `${row.no_alta}|${row.invoice_uuid}`).sort()).toEqual([
      `${alta(3)}|${uuid(4)}`,
      `${alta(4)}|${uuid(3)}`,
      `${alta(4)}|${uuid(4)}`,
    ]);
    const decided = await reconDetail(session, { invoiceUuid: uuid(12).toLowerCase() });
    expect(decided.decisions.map((row) => row.action)).toEqual(['link_manual']);
  });
});

describe('decisions and the fast rebuild', () => {
  it('confirms a suggested match: it becomes a confirmed decision link after the rebuild', async () => {
    const suggested = async () =>
      (
        await queryGrid(session, {
          view: 'reconciliation',
          startRow: 0,
          endRow: 50,
          filters: { match_status: { filterType: 'text', type: 'equals', filter: 'Suggested' } },
        })
      ).rows.map((row) => row.no_alta);
    expect(await suggested()).toContain(alta(2));
    const recorded = await recordDecisions(
      session,
      {
        action: 'confirm_match',
        items: [{ noAlta: alta(2), invoiceUuid: uuid(2).toLowerCase() }],
        note: 'same lot',
      },
      'ana',
      new Date('2025-08-03T15:00:00Z'),
    );
    expect(recorded.decisionIds[0]).toMatch(/^[0-9A-F-]{36}$/);
    const [stored] = await session.all('SELECT * FROM app.decisions WHERE decision_id = $1', [
      recorded.decisionIds[0] ?? '',
    ]);
    expect(stored).toMatchObject({
      made_by: 'ana',
      made_at: '2025-08-03 15:00:00',
      action: 'confirm_match',
      invoice_uuid: uuid(2),
      note: 'same lot',
    });
    const rebuilt = await rebuildAfterDecisions(session);
    expect(rebuilt.failedTests).toEqual([]);
    expect(rebuilt.models).toBeGreaterThan(5);
    expect(await suggested()).not.toContain(alta(2));
    const detail = await reconDetail(session, { noAlta: alta(2) });
    expect(detail.row).toMatchObject({
      invoice_uuid: uuid(2),
      match_rule: 'decision',
      match_status: 'Confirmed',
    });
  });

  it('overrides an earlier rejection: the pair leaves both worklist reasons after the rebuild', async () => {
    const keys = async () => (await worklist()).map((row) => `${row.reason_code}:${row.item_key}`);
    expect(await keys()).toEqual(
      expect.arrayContaining([`alta_without_invoice:${alta(13)}`, `invoice_without_alta:${uuid(13)}`]),
    );
    await recordDecisions(session, {
      action: 'confirm_match',
      items: [{ noAlta: alta(13), invoiceUuid: uuid(13) }],
    });
    await rebuildAfterDecisions(session);
    const after = await keys();
    expect(after).not.toContain(`alta_without_invoice:${alta(13)}`);
    expect(after).not.toContain(`invoice_without_alta:${uuid(13)}`);
  });

  it('records an assignment and a note on several items at once, shown in the worklist', async () => {
    await recordDecisions(session, {
      action: 'assign',
      items: [{ noAlta: alta(5) }, { noAlta: alta(6) }],
      assignee: 'luis',
    });
    await rebuildAfterDecisions(session);
    const rows = await worklist();
    expect(
      rows
        .filter((row) => row.assignee === 'luis')
        .map((row) => row.no_alta)
        .sort(),
    ).toEqual([alta(5), alta(6)]);
  });

  it('refuses a match decision without both keys and a dispute without a reason', async () => {
    await expect(
      recordDecisions(session, { action: 'confirm_match', items: [{ noAlta: alta(4) }] }),
    ).rejects.toThrow(/both the alta and the invoice/);
    await expect(
      recordDecisions(session, { action: 'dispute', items: [{ noAlta: alta(4) }] }),
    ).rejects.toThrow(/note/);
  });
});

describe('overview tiles', () => {
  it('sums what is collected, pending, overdue, stuck and at risk from the marts', async () => {
    const tiles = await overviewTiles(session);
    expect(tiles.ready).toBe(true);
    const [paid] = await session.all(
      "SELECT sum(alta_amount) AS s FROM marts.reconciliation WHERE lifecycle_status = 'Pagado' AND row_kind = 'alta'",
    );
    expect(tiles.collected).toBe(String(paid?.s));
    const pendingTotal = tiles.pendingByStatus.reduce((sum, entry) => sum.plus(entry.amount), new Decimal(0));
    const [unpaid] = await session.all(
      "SELECT sum(alta_amount) AS s FROM marts.reconciliation WHERE lifecycle_status <> 'Pagado' AND row_kind = 'alta'",
    );
    expect(pendingTotal.toFixed(2)).toBe(String(unpaid?.s));
    expect(tiles.worklistByReason.reduce((sum, entry) => sum + entry.items, 0)).toBe(
      (await worklist()).length,
    );
  });
});
