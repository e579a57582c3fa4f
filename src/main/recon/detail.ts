import type { GridRow, ReconDetail } from '../../shared/api';
import type { SqlSession, SqlValue } from '../warehouse/session';
import { Binder } from './binder';
import { assertReconciliationBuilt } from './built';

export interface DetailKey {
  noAlta?: string;
  invoiceUuid?: string;
}

async function rows(session: SqlSession, build: (binder: Binder) => string): Promise<GridRow[]> {
  const binder = new Binder(session.dialect);
  const sql = build(binder);
  return (await session.all(sql, binder.values)) as GridRow[];
}

const text = (value: SqlValue | undefined): string | undefined =>
  value === null || value === undefined || value === '' ? undefined : String(value);

function lineageOf(step: string, row: GridRow | null | undefined, file: string, line?: string) {
  const path = text(row?.[file]);
  if (!path) return [];
  return [{ step, file: path, row: line ? (text(row?.[line]) ?? null) : null }];
}

/**
 * The chain behind one alta or invoice, as the detail panel shows it: its reconciliation row, the
 * order and all of the order's altas, the invoice, the PREI status history, the match candidates,
 * the analysts' decisions, and the raw file and row each step came from.
 */
export async function reconDetail(session: SqlSession, key: DetailKey): Promise<ReconDetail> {
  await assertReconciliationBuilt(session);
  const uuidKey = key.invoiceUuid?.trim().toUpperCase();
  const [row] = await rows(session, (b) =>
    key.noAlta
      ? `SELECT * FROM marts.reconciliation WHERE no_alta = ${b.bind(key.noAlta.trim())}`
      : `SELECT * FROM marts.reconciliation WHERE upper(invoice_uuid) = ${b.bind(uuidKey ?? '')} ORDER BY row_id LIMIT 1`,
  );
  const noAlta = key.noAlta?.trim() ?? text(row?.no_alta);
  const invoiceUuid = uuidKey ?? text(row?.invoice_uuid)?.toUpperCase();
  const noOrden = text(row?.no_orden);

  const [order] = noOrden
    ? await rows(
        session,
        (b) => `SELECT * FROM intermediate.int_orders_current WHERE no_orden = ${b.bind(noOrden)}`,
      )
    : [];
  const altas = noOrden
    ? await rows(
        session,
        (b) =>
          `SELECT * FROM intermediate.int_altas_current WHERE no_orden = ${b.bind(noOrden)} ORDER BY fecha_alta, no_alta`,
      )
    : [];
  const [invoice] = invoiceUuid
    ? await rows(
        session,
        (b) => `SELECT * FROM intermediate.int_invoices WHERE uuid = ${b.bind(invoiceUuid)}`,
      )
    : [];
  const preiHistory = invoiceUuid
    ? await rows(
        session,
        (b) =>
          `SELECT * FROM staging.stg_prei_status_history WHERE uuid = ${b.bind(invoiceUuid)} ORDER BY valid_from`,
      )
    : [];
  const either = (b: Binder) =>
    `(no_alta = ${b.bind(noAlta ?? null)} OR invoice_uuid = ${b.bind(invoiceUuid ?? null)})`;
  const candidates = await rows(
    session,
    (b) =>
      `SELECT * FROM intermediate.int_match_candidates WHERE ${either(b)} ORDER BY no_alta, invoice_uuid`,
  );
  const decisions = await rows(
    session,
    (b) => `SELECT * FROM staging.stg_decisions WHERE ${either(b)} ORDER BY made_at, decision_id`,
  );

  return {
    row: row ?? null,
    order: order ?? null,
    altas,
    invoice: invoice ?? null,
    preiHistory,
    candidates,
    decisions,
    lineage: [
      ...lineageOf('order', order, '_src_file', '_src_row'),
      ...lineageOf('alta', row, 'alta_src_file', 'alta_src_row'),
      ...lineageOf('invoice', invoice, '_src_file', '_src_row'),
      ...preiHistory.flatMap((entry) => lineageOf('prei', entry, '_src_file', '_src_row')),
    ],
  };
}
