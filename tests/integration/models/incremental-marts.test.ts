import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuildResult, build } from '../../../src/main/models/build';
import { rebuildAfterDecisions } from '../../../src/main/recon/rebuild';
import { DuckDbSession } from '../../../src/main/warehouse/duckdb/session';
import { alta, decide, loadCraftedWorld, uuid } from './crafted-world';
import { insertRaw } from './raw-tables';

/**
 * The reconciliation and the order deliveries are merged per alta and per order: these
 * cases move an alta in ways the merge must notice, and check each time that the incremental build
 * holds exactly what a full refresh computes, in every table and every view.
 */
let session: DuckDbSession;

const failing = (result: BuildResult) => result.tests.filter((test) => test.failures > 0);

async function everyRelation() {
  const relations = await session.all(
    `SELECT table_schema || '.' || table_name AS relation FROM information_schema.tables
     WHERE table_schema IN ('staging', 'intermediate', 'marts') ORDER BY 1`,
  );
  return Promise.all(
    relations.map(async ({ relation }) => ({
      relation,
      rows: await session.all(`SELECT * FROM ${relation} ORDER BY ALL`),
    })),
  );
}

/** Builds incrementally, passing every data test, then checks a full refresh changes nothing. */
async function buildAndCompare(
  incremental: () => Promise<{ failedTests: string[] }> = async () => ({
    failedTests: failing(await build(session)).map((test) => test.name),
  }),
) {
  expect((await incremental()).failedTests).toEqual([]);
  const merged = await everyRelation();
  const refreshed = await build(session, { fullRefresh: true });
  expect(failing(refreshed)).toEqual([]);
  expect(await everyRelation()).toEqual(merged);
}

const altaRow = (n: number, changes: Record<string, string>) => ({
  no_alta: alta(n),
  fecha_alta: '2025-07-03',
  no_contrato: 'U220749',
  no_orden: `400000${String(n).padStart(2, '0')}`,
  clave: '010-000-4411-00-00',
  cant_recibida: '20',
  importe: '200.00',
  clas_ptal_recep: '058001000000',
  desc_unidad: 'ALMACEN DELEGACIONAL',
  snapshot_date: '2025-08-03',
  ...changes,
});

beforeAll(async () => {
  session = await DuckDbSession.open(':memory:');
  const second = await loadCraftedWorld(session);
  expect(failing(second)).toEqual([]);
  const merged = second.models.filter((model) => model.mode === 'incremental').map((model) => model.name);
  expect(merged).toEqual(expect.arrayContaining(['reconciliation', 'int_order_deliveries']));
});

afterAll(async () => {
  await session?.close();
});

describe('incremental chain and order deliveries', () => {
  it('moves a delivery to its new order when an alta is re-read under another order', async () => {
    await insertRaw(session, 'sai_altas', [altaRow(5, { no_orden: '40000099' })], {
      file: 'landing/altas-5-moved.xlsx',
      loadedAt: '2025-08-03 07:00:00',
    });
    await buildAndCompare();
    const orders = await session.all(
      `SELECT no_orden, deliveries, delivered_qty FROM marts.fulfilment_penalties
       WHERE no_orden IN ('40000005', '40000099') ORDER BY no_orden`,
    );
    expect(orders).toEqual([
      { no_orden: '40000005', deliveries: '0', delivered_qty: '0.0000' },
      { no_orden: '40000099', deliveries: '1', delivered_qty: '20.0000' },
    ]);
  });

  it("flags every alta of an invoice whose altas' total moved when one alta is re-read", async () => {
    await insertRaw(
      session,
      'sai_altas',
      [
        altaRow(1, {
          fecha_alta: '2025-06-20',
          no_orden: '40000001',
          cant_recibida: '100',
          importe: '990.00',
          snapshot_date: '2025-08-04',
        }),
      ],
      { file: 'landing/altas-1-amended.xlsx', loadedAt: '2025-08-04 07:00:00' },
    );
    await buildAndCompare();
    const [row] = await session.all(
      `SELECT alta_amount, exception_reason, lifecycle_status FROM marts.reconciliation WHERE no_alta = '${alta(1)}'`,
    );
    expect(row).toEqual({
      alta_amount: '990.00',
      exception_reason: 'amount_mismatch',
      lifecycle_status: 'Diferencia de importe',
    });
  });

  it('unlinks an alta when an analyst rejects its match, through the fast rebuild', async () => {
    const before = await session.all(
      `SELECT invoice_uuid FROM marts.reconciliation WHERE no_alta = '${alta(2)}'`,
    );
    expect(before).toEqual([{ invoice_uuid: uuid(2) }]);
    await decide(session, {
      id: 'D3',
      action: 'reject_match',
      altaN: 2,
      invoiceN: 2,
      madeAt: '2025-08-04 12:00:00',
    });
    await buildAndCompare(() => rebuildAfterDecisions(session));
    const after = await session.all(
      `SELECT invoice_uuid, lifecycle_status FROM marts.reconciliation WHERE no_alta = '${alta(2)}'`,
    );
    expect(after).toEqual([{ invoice_uuid: null, lifecycle_status: 'Por facturar' }]);
  });

  it('removes a stored PAQ link the analyst rejects', async () => {
    await decide(session, {
      id: 'D4',
      action: 'reject_match',
      altaN: 1,
      invoiceN: 1,
      madeAt: '2025-08-04 13:00:00',
    });
    await buildAndCompare(() => rebuildAfterDecisions(session));
    const links = await session.all(
      `SELECT * FROM intermediate.int_strong_links WHERE no_alta = '${alta(1)}'`,
    );
    expect(links).toEqual([]);
  });

  it("re-pairs identical altas when a late PAQ row links one of them to the other twin's invoice", async () => {
    const before = await session.all(
      `SELECT no_alta, invoice_uuid, match_rule FROM marts.reconciliation WHERE no_alta IN ('${alta(3)}', '${alta(4)}') ORDER BY no_alta`,
    );
    expect(before).toEqual([
      { no_alta: alta(3), invoice_uuid: uuid(3), match_rule: 'date_order' },
      { no_alta: alta(4), invoice_uuid: uuid(4), match_rule: 'date_order' },
    ]);
    await insertRaw(session, 'paq_links', [{ folio: 'P-3', referencia: '40000003', alta: alta(4) }], {
      file: 'landing/paq-late.xlsx',
      loadedAt: '2025-08-05 07:00:00',
    });
    await buildAndCompare();
    const after = await session.all(
      `SELECT no_alta, invoice_uuid, match_rule FROM marts.reconciliation WHERE no_alta IN ('${alta(3)}', '${alta(4)}') ORDER BY no_alta`,
    );
    expect(after).toEqual([
      { no_alta: alta(3), invoice_uuid: uuid(4), match_rule: 'amount_qty_clave_window' },
      { no_alta: alta(4), invoice_uuid: uuid(3), match_rule: 'paq' },
    ]);
  });

  it('moves the penalty of an order left untouched as the as-of date moves, within its cap', async () => {
    const order = {
      contrato: 'U220749',
      orden: '40000077',
      cve_articulo: '010-000-4411-00-00',
      fecha_expedicion: '2025-07-20',
      estatus: 'Pendiente',
      fecha_entrega: '2025-08-04',
      cantidad_solicitada: '10',
      precio: '10',
      importe_sin_iva: '100.00',
      snapshot_date: '2025-08-05',
    };
    await insertRaw(session, 'sai_orders', [order], {
      file: 'landing/orders-77.xlsx',
      loadedAt: '2025-08-05 07:00:00',
    });
    await buildAndCompare();
    const penalty = async () =>
      session.all(
        "SELECT days_overdue, penalty_amount FROM marts.fulfilment_penalties WHERE no_orden = '40000077'",
      );
    // Due 08-04, nothing delivered: 1 day overdue at 08-05, 100 pesos x 2% a day.
    expect(await penalty()).toEqual([{ days_overdue: 1, penalty_amount: '2.00' }]);
    // Only the as-of date moves (an alta re-read on 08-07): the order is not merged again, its hook moves it.
    await insertRaw(
      session,
      'sai_altas',
      [
        altaRow(6, {
          fecha_alta: '2025-07-04',
          no_orden: '40000006',
          cant_recibida: '5',
          importe: '50.00',
          snapshot_date: '2025-08-07',
        }),
      ],
      {
        file: 'landing/altas-6-again.xlsx',
        loadedAt: '2025-08-07 07:00:00',
      },
    );
    await buildAndCompare();
    expect(await penalty()).toEqual([{ days_overdue: 3, penalty_amount: '6.00' }]);
  });
});
