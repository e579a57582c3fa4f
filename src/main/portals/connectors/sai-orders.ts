import type { CanonicalBatch } from '../../ingest/datasets';
import { saiReport } from './sai';

/** Order states after which SAI no longer changes an order. */
const FINAL_ORDER_STATES = new Set(['atendida', 'cancelada']);

/** Orders still pending or partly delivered: their window is extracted again until they settle. */
export function openOrders(batch: CanonicalBatch): number {
  return batch.rows.filter((row) => !FINAL_ORDER_STATES.has((row.values.estatus ?? '').toLowerCase())).length;
}

/** SAI "Ordenes" (supply orders), by issue date. */
export const saiOrdersConnector = saiReport({
  source: 'sai_orders',
  report: 'sai_orders',
  menuLink: 'Ordenes',
  path: 'ordenes',
  openRows: openOrders,
});
