import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuildResult, build } from '../../../src/main/models/build';
import { DuckDbSession } from '../../../src/main/warehouse/duckdb/session';
import type { SqlRow } from '../../../src/main/warehouse/session';
import { alta, loadCraftedWorld, loadDay, loadInvoices, preiDay, uuid } from './crafted-world';
import { createRawTables } from './raw-tables';

let session: DuckDbSession;
let first: BuildResult;

const rowsOf = (sql: string) => session.all(sql);
const byAlta = async () =>
  new Map(
    (await rowsOf("SELECT * FROM marts.reconciliation WHERE row_kind = 'alta'")).map((row) => [
      row.no_alta,
      row,
    ]),
  );
const failing = (result: BuildResult) => result.tests.filter((test) => test.failures > 0);

beforeAll(async () => {
  session = await DuckDbSession.open(':memory:');
  first = await loadCraftedWorld(session);
});

afterAll(async () => {
  await session?.close();
});

describe('reconciliation models on a crafted world', () => {
  it('builds every model incrementally where configured and passes every data test', () => {
    expect(failing(first)).toEqual([]);
    expect(first.tests.length).toBeGreaterThan(40);
    const incremental = first.models
      .filter((model) => model.mode === 'incremental')
      .map((model) => model.name);
    expect(incremental).toContain('stg_prei_status_history');
    expect(incremental).toContain('stg_sai_altas');
  });

  it('removes duplicated snapshot rows', async () => {
    const [altas] = await rowsOf(
      "SELECT count(*) AS n FROM staging.stg_sai_altas WHERE snapshot_date = DATE '2025-08-02'",
    );
    expect(Number(altas?.n)).toBe(13);
    // Two days of PREI, each read through two overlapping windows: 16 rows, 6 invoices, one current state each.
    const [prei] = await rowsOf(
      `SELECT (SELECT count(*) FROM staging.stg_prei_invoice_rows) AS loaded,
        count(*) AS n, count(DISTINCT uuid) AS invoices FROM staging.stg_prei_status_history WHERE valid_to IS NULL`,
    );
    expect(prei).toMatchObject({ loaded: '16', n: '6', invoices: '6' });
  });

  it('links by PAQ first, infers the rest, and pairs identical candidates in date order', async () => {
    const rows = await byAlta();
    expect(rows.get(alta(1))).toMatchObject({
      invoice_uuid: uuid(1),
      match_rule: 'paq',
      lifecycle_status: 'Pagado',
    });
    expect(rows.get(alta(2))).toMatchObject({
      invoice_uuid: uuid(2),
      match_rule: 'amount_qty_clave_window',
      match_status: 'Suggested',
      lifecycle_status: 'En proceso',
      prei_estado_cr: 'En proceso',
    });
    // Both pairings of the twins delay payment by the same four days in total: date order decides.
    for (const n of [3, 4]) {
      expect(rows.get(alta(n))).toMatchObject({
        invoice_uuid: uuid(n),
        match_rule: 'date_order',
        match_status: 'Suggested',
        match_confidence: '0.60',
      });
    }
  });

  it('follows a PAQ row naming a cancelled invoice to its substitute', async () => {
    const rows = await byAlta();
    expect(rows.get(alta(11))).toMatchObject({
      invoice_uuid: uuid(31),
      match_rule: 'paq_substitute',
      invoice_cancelled: false,
    });
  });

  it('applies analysts decisions over the rules', async () => {
    const rows = await byAlta();
    expect(rows.get(alta(12))).toMatchObject({
      invoice_uuid: uuid(12),
      match_rule: 'decision',
      match_status: 'Confirmed',
    });
    expect(rows.get(alta(13))).toMatchObject({ invoice_uuid: null, lifecycle_status: 'Por facturar' });
  });

  it('surfaces each exception with its own status and reason', async () => {
    const rows = await byAlta();
    expect(rows.get(alta(5))).toMatchObject({
      lifecycle_status: 'Diferencia de importe',
      exception_reason: 'amount_mismatch',
    });
    expect(rows.get(alta(6))).toMatchObject({ lifecycle_status: 'Facturada sin cargar a PREI' });
    expect(rows.get(alta(7))).toMatchObject({
      lifecycle_status: 'Estado PREI desconocido',
      prei_estado_cr: 'Rechazada por validación',
    });
    expect(rows.get(alta(8))).toMatchObject({
      lifecycle_status: 'Sin contrarecibo',
      exception_reason: 'withdrawn_contrarecibo',
      contra_recibo: null,
    });
    expect(rows.get(alta(9))).toMatchObject({ lifecycle_status: 'Por facturar' });
    expect(rows.get(alta(10))).toMatchObject({
      lifecycle_status: 'Aprobado',
      credit_notes_total: '10.00',
      invoice_net_amount: '90.00',
    });
  });

  it('lists the worklist with reason codes', async () => {
    const worklist = await rowsOf('SELECT reason_code, item_key FROM marts.unmatched_invoices ORDER BY 1, 2');
    const reasons = worklist.map((row) => `${row.reason_code} ${row.item_key}`);
    expect(reasons).toEqual(
      expect.arrayContaining([
        `alta_without_invoice ${alta(9)}`,
        `alta_without_invoice ${alta(13)}`,
        `missing_from_prei ${alta(6)}`,
        `amount_mismatch ${alta(5)}`,
        `unknown_prei_state ${alta(7)}`,
        `withdrawn_contrarecibo ${alta(8)}`,
        `invoice_without_alta ${uuid(20)}`,
        `invoice_without_alta ${uuid(13)}`,
      ]),
    );
  });

  it('keeps the status history as changes, not snapshots', async () => {
    const history = await rowsOf(
      `SELECT estado_cr, contra_recibo, valid_from, valid_to FROM staging.stg_prei_status_history
       WHERE uuid = '${uuid(8)}' ORDER BY valid_from`,
    );
    expect(history).toEqual([
      {
        estado_cr: 'En proceso',
        contra_recibo: '00504677',
        valid_from: '2025-08-01',
        valid_to: '2025-08-02',
      },
      { estado_cr: 'Sin Contra Recibo', contra_recibo: null, valid_from: '2025-08-02', valid_to: null },
    ]);
    const [unchanged] = await rowsOf(
      `SELECT count(*) AS n FROM staging.stg_prei_status_history WHERE uuid = '${uuid(1)}'`,
    );
    expect(Number(unchanged?.n)).toBe(1);
  });

  it('charges penalties under the contract parameters, capped, and none for cancelled orders', async () => {
    const penalties = new Map(
      (await rowsOf('SELECT no_orden, penalty_amount FROM marts.fulfilment_penalties')).map((row) => [
        row.no_orden,
        row.penalty_amount,
      ]),
    );
    expect(penalties.get('40000003')).toBe('50.00');
    expect(penalties.get('40000099')).toBe('30.00');
    expect(penalties.has('40000098')).toBe(false);
  });

  it('ties out: every alta peso in one bucket and the marts agree', async () => {
    const [rec] = await rowsOf(
      "SELECT sum(alta_amount) AS amount FROM marts.reconciliation WHERE row_kind = 'alta'",
    );
    const [funnel] = await rowsOf('SELECT sum(amount) AS amount FROM marts.collection_funnel');
    expect(rec?.amount).toBe('3115.00');
    expect(funnel?.amount).toBe('3115.00');
    const tieOuts = first.tests.filter((test) => test.name.startsWith('tie_out'));
    expect(tieOuts.map((test) => [test.name, test.failures])).toEqual([
      ['tie_out_altas_in_one_bucket', 0],
      ['tie_out_marts_agree', 0],
    ]);
  });

  it('changes nothing on a rebuild with no new data', async () => {
    const marts = ['reconciliation', 'unmatched_invoices', 'status_changes', 'aging', 'cash_forecast'];
    const snapshot = async () =>
      Promise.all(marts.map((mart) => rowsOf(`SELECT * FROM marts.${mart} ORDER BY ALL`)));
    const history = () => rowsOf('SELECT * FROM staging.stg_prei_status_history ORDER BY ALL');
    const before = [await snapshot(), await history()];
    const again = await build(session);
    expect(failing(again)).toEqual([]);
    expect([await snapshot(), await history()]).toEqual(before);
  });

  it('lists what moved in PREI between the last two snapshots, and every invoice as new after the first', async () => {
    const moves = await rowsOf(
      'SELECT invoice_uuid, change_type, no_alta FROM marts.status_changes ORDER BY invoice_uuid',
    );
    expect(moves).toEqual([{ invoice_uuid: uuid(8), change_type: 'withdrawn', no_alta: alta(8) }]);
    const firstDay = await DuckDbSession.open(':memory:');
    try {
      await createRawTables(firstDay);
      await loadDay(firstDay, 1);
      await build(firstDay, { skipTests: true });
      const seen = await firstDay.all('SELECT DISTINCT change_type FROM marts.status_changes');
      const invoices = await firstDay.all('SELECT count(*) AS n FROM marts.status_changes');
      expect(seen).toEqual([{ change_type: 'new_in_prei' }]);
      expect(invoices).toEqual([{ n: String(preiDay(1).length) }]);
    } finally {
      await firstDay.close();
    }
  });

  it("changes only what moved after a new day's data", async () => {
    // The as-of date, the latest alta file and its load time (_loaded_at, what the next build reads
    // from) move every day for every row: compare the rest.
    const stable = (rows: Map<unknown, SqlRow>) =>
      new Map(
        [...rows].map(([key, row]) => [
          key,
          { ...row, days_in_status: null, alta_src_file: null, alta_src_row: null, _loaded_at: null },
        ]),
      );
    const before = stable(await byAlta());
    await loadDay(session, 3);
    const next = await build(session);
    expect(failing(next)).toEqual([]);
    const after = stable(await byAlta());
    const changed = [...after.keys()].filter(
      (key) => JSON.stringify(after.get(key)) !== JSON.stringify(before.get(key)),
    );
    expect(changed).toEqual([alta(2)]);
    expect(after.get(alta(2))).toMatchObject({ lifecycle_status: 'Pagado', status_since: '2025-08-03' });
    const moves = await rowsOf('SELECT invoice_uuid, change_type, no_alta FROM marts.status_changes');
    expect(moves).toEqual([{ invoice_uuid: uuid(2), change_type: 'paid', no_alta: alta(2) }]);
  });

  it('lists an invoice left as a candidate of an alta linked to another as an ambiguous match', async () => {
    // A second invoice like alta 2's, one day later: the nearer one is linked, this one stays a candidate.
    await loadInvoices(
      session,
      [{ n: 40, clave: '010-000-4411-00-00', qty: '50', total: '500.00', date: '2025-07-06' }],
      '2025-08-03 08:00:00',
    );
    expect(failing(await build(session))).toEqual([]);
    const links = await rowsOf(
      `SELECT invoice_uuid FROM intermediate.int_alta_invoice_links WHERE no_alta = '${alta(2)}'`,
    );
    expect(links.map((row) => String(row.invoice_uuid).toUpperCase())).toEqual([uuid(2)]);
    const worklist = await rowsOf(
      "SELECT invoice_uuid, amount FROM marts.unmatched_invoices WHERE reason_code = 'ambiguous_match'",
    );
    expect(worklist).toEqual([{ invoice_uuid: uuid(40), amount: '500.00' }]);
  });
});
