import type { ColumnKind, GridColumn, GridView } from '../../shared/api';
import { RefusedRequest } from '../util/refused';

/**
 * The whitelist of what the grids may read: per mart, its columns and their kinds, and the columns
 * that identify a row (the last sort key, so pages never overlap). Column names from a client are
 * looked up here and never reach SQL otherwise.
 */
export interface GridViewDefinition {
  relation: string;
  columns: readonly GridColumn[];
  key: readonly string[];
  /**
   * The key is never NULL (its data tests check not_null): rows are then found by plain equality,
   * which lets DuckDB skip most of the mart while joining a page back to it.
   */
  keyNeverNull?: boolean;
  /** The text columns the quick search reads (default: every text column). */
  search?: readonly string[];
}

const of = (kind: ColumnKind, ...ids: string[]): GridColumn[] => ids.map((id) => ({ id, kind }));

export const GRID_VIEW_DEFINITIONS: Record<GridView, GridViewDefinition> = {
  reconciliation: {
    relation: 'marts.reconciliation',
    key: ['row_id'],
    keyNeverNull: true,
    // Ids and statuses: what an analyst types; file paths and long descriptions stay out (speed at 1M rows).
    search: [
      'no_alta',
      'no_orden',
      'no_contrato',
      'clave',
      'invoice_uuid',
      'invoice_folio',
      'contra_recibo',
      'lifecycle_status',
      'exception_reason',
    ],
    columns: [
      ...of('text', 'row_id', 'row_kind', 'lifecycle_status', 'exception_reason'),
      ...of('text', 'no_alta', 'no_orden', 'no_contrato', 'clave', 'book'),
      ...of('date', 'fecha_alta'),
      ...of('number', 'cant_recibida'),
      ...of('money', 'alta_amount'),
      ...of('number', 'pending_qty'),
      ...of('money', 'pending_amount'),
      ...of('text', 'invoice_uuid', 'invoice_folio'),
      ...of('date', 'invoice_date'),
      ...of('money', 'invoice_total', 'credit_notes_total', 'invoice_net_amount'),
      ...of('boolean', 'invoice_cancelled'),
      ...of('text', 'match_rule', 'match_status'),
      ...of('number', 'match_confidence', 'match_candidates'),
      ...of('text', 'prei_documento'),
      ...of('money', 'prei_amount'),
      ...of('text', 'prei_estado_cr', 'contra_recibo', 'unidad_negocio'),
      ...of('timestamp', 'fecha_carga'),
      ...of('date', 'status_since'),
      ...of('number', 'days_in_status'),
      ...of('date', 'expected_payment_date'),
      ...of('text', 'clas_ptal_recep', 'desc_unidad', 'alta_src_file'),
      ...of('number', 'alta_src_row'),
      ...of('text', 'invoice_src_file', 'prei_src_file'),
    ],
  },
  unmatched_invoices: {
    relation: 'marts.unmatched_invoices',
    key: ['reason_code', 'item_key'],
    keyNeverNull: true,
    columns: [
      ...of('text', 'reason_code', 'item_key', 'no_alta', 'invoice_uuid', 'no_orden'),
      ...of('money', 'amount'),
      ...of('date', 'reference_date'),
      ...of('number', 'age_days'),
      ...of('text', 'last_decision'),
      ...of('timestamp', 'last_decision_at'),
      ...of('text', 'last_decision_by', 'last_note', 'assignee'),
    ],
  },
  receivables: {
    relation: 'marts.receivables',
    key: ['month', 'book', 'clas_ptal_recep', 'lifecycle_status'],
    columns: [
      ...of('date', 'month'),
      ...of('text', 'book', 'clas_ptal_recep', 'desc_unidad', 'lifecycle_status'),
      ...of('number', 'altas'),
      ...of('money', 'amount'),
    ],
  },
  collection_funnel: {
    relation: 'marts.collection_funnel',
    key: ['month', 'book', 'lifecycle_status'],
    columns: [
      ...of('date', 'month'),
      ...of('text', 'book', 'lifecycle_status'),
      ...of('number', 'stage_rank'),
      ...of('boolean', 'is_exception'),
      ...of('number', 'altas'),
      ...of('money', 'amount'),
    ],
  },
  contract_balances: {
    relation: 'marts.contract_balances',
    key: ['no_contrato'],
    columns: [
      ...of('text', 'no_contrato'),
      ...of('money', 'ceiling_amount', 'ordered_amount', 'delivered_amount', 'invoiced_amount'),
      ...of('money', 'paid_amount', 'remaining_amount'),
      ...of('number', 'percent_used'),
      ...of('date', 'projected_exhaustion_date'),
    ],
  },
  fulfilment_penalties: {
    relation: 'marts.fulfilment_penalties',
    key: ['no_orden'],
    columns: [
      ...of('text', 'no_orden', 'no_contrato', 'clave', 'estatus'),
      ...of('date', 'fecha_expedicion', 'due_date'),
      ...of('number', 'cantidad_solicitada', 'delivered_qty', 'on_time_qty', 'late_qty', 'undelivered_qty'),
      ...of('number', 'deliveries'),
      ...of('date', 'first_alta_date', 'last_alta_date'),
      ...of('number', 'max_days_late', 'days_overdue', 'penalty_rate_per_day', 'penalty_cap_days'),
      ...of('money', 'late_delivery_penalty', 'undelivered_penalty', 'penalty_amount'),
    ],
  },
  logistics_kpis: {
    relation: 'marts.logistics_kpis',
    key: ['no_contrato', 'month'],
    columns: [
      ...of('text', 'no_contrato'),
      ...of('date', 'month'),
      ...of('number', 'orders_due', 'on_time_orders', 'on_time_rate', 'fill_rate', 'mean_delay_days'),
      ...of('money', 'penalties'),
    ],
  },
  aging: {
    relation: 'marts.aging',
    key: ['sort_order', 'lifecycle_status', 'book'],
    columns: [
      ...of('text', 'bucket'),
      ...of('number', 'sort_order'),
      ...of('text', 'lifecycle_status', 'book'),
      ...of('number', 'altas'),
      ...of('money', 'amount'),
    ],
  },
  cash_forecast: {
    relation: 'marts.cash_forecast',
    key: ['week_start'],
    columns: [
      ...of('date', 'week_start'),
      ...of('boolean', 'within_horizon'),
      ...of('number', 'altas', 'overdue_altas', 'from_unit_history'),
      ...of('money', 'amount'),
    ],
  },
  status_changes: {
    relation: 'marts.status_changes',
    key: ['invoice_uuid', 'no_alta'],
    columns: [
      ...of('text', 'invoice_uuid', 'no_alta', 'change_type'),
      ...of(
        'text',
        'previous_estado_cr',
        'current_estado_cr',
        'previous_contra_recibo',
        'current_contra_recibo',
      ),
      ...of('money', 'amount'),
      ...of('date', 'previous_snapshot', 'current_snapshot'),
    ],
  },
};

/** The condition joining a view's rows (`row`) to a list of their keys (`keys`, named prefix0, prefix1 ...). */
export function keyJoin(definition: GridViewDefinition, row: string, keys: string, prefix: string): string {
  const equals = definition.keyNeverNull ? '=' : 'IS NOT DISTINCT FROM';
  return definition.key.map((id, index) => `${row}.${id} ${equals} ${keys}.${prefix}${index}`).join(' AND ');
}

export class GridRequestError extends RefusedRequest {
  override name = 'GridRequestError';
}

export function gridView(view: GridView): GridViewDefinition {
  const definition = GRID_VIEW_DEFINITIONS[view];
  if (!definition) throw new GridRequestError(`Unknown grid view ${JSON.stringify(view)}`);
  return definition;
}

/** The column's definition, or a GridRequestError naming the allowed columns. */
export function whitelistedColumn(definition: GridViewDefinition, id: string): GridColumn {
  const column = definition.columns.find((candidate) => candidate.id === id);
  if (!column) {
    throw new GridRequestError(`Unknown column ${JSON.stringify(id)} in ${definition.relation}`);
  }
  return column;
}
