import {
  type GridPage,
  type GridRequest,
  type GridRow,
  type GridState,
  gridRequestSchema,
  gridStateSchema,
} from '../../shared/api';
import type { SqlSession } from '../warehouse/session';
import { Binder } from './binder';
import { filterPredicate } from './filters';
import { quickSearchCondition } from './quick-search';
import { type GridViewDefinition, gridView, keyJoin, whitelistedColumn } from './views';

/** A grid's filters and sort as SQL over its mart: identifiers from the whitelist, values bound. */
export interface GridSelect {
  definition: GridViewDefinition;
  where: string;
  orderBy: string;
  binder: Binder;
}

export async function gridSelect(session: SqlSession, input: GridState): Promise<GridSelect> {
  const { view, sort, filters, quickSearch } = input;
  const state = gridStateSchema.parse({ view, sort, filters, quickSearch });
  const definition = gridView(state.view);
  const binder = new Binder(session.dialect);
  const predicates: string[] = [];
  for (const [colId, filter] of Object.entries(state.filters)) {
    const column = whitelistedColumn(definition, colId);
    predicates.push(filterPredicate(column.id, column.kind, filter, binder));
  }
  const searchable =
    definition.search ??
    definition.columns.filter((column) => column.kind === 'text').map((column) => column.id);
  const search = await quickSearchCondition(session, definition, searchable, state.quickSearch, binder);
  if (search) predicates.push(search);
  const sorted = state.sort.map(({ colId, sort }) => {
    const column = whitelistedColumn(definition, colId);
    return `${column.id} ${sort === 'asc' ? 'ASC' : 'DESC'} NULLS LAST`;
  });
  const tieBreak = definition.key
    .filter((key) => !state.sort.some((entry) => entry.colId === key))
    .map((key) => `${key} ASC NULLS LAST`);
  return {
    definition,
    where: predicates.length ? `WHERE ${predicates.join(' AND ')}` : '',
    orderBy: `ORDER BY ${[...sorted, ...tieBreak].join(', ')}`,
    binder,
  };
}

/** The columns' SELECT list; `ids` must come from the whitelist. */
export function selectList(ids: readonly string[]): string {
  return ids.join(', ');
}

async function countAndTotals(session: SqlSession, select: GridSelect) {
  const money = select.definition.columns.filter((column) => column.kind === 'money');
  const sums = money.map((column) => `sum(${column.id}) AS ${column.id}`);
  const sql = `SELECT ${['count(*) AS matching_rows', ...sums].join(', ')} FROM ${select.definition.relation} ${select.where}`;
  const [row] = await session.all(sql, select.binder.values);
  const totals: Record<string, string> = {};
  for (const column of money) totals[column.id] = String(row?.[column.id] ?? '0');
  return { lastRow: Number(row?.matching_rows ?? 0), totals };
}

/**
 * One page for AG Grid's Infinite Row Model: rows [startRow, endRow) of the mart under the grid's
 * filters, quick search and sort, the number of matching rows (its lastRow) and the exact money totals.
 */
export async function queryGrid(session: SqlSession, input: GridRequest): Promise<GridPage> {
  const request = gridRequestSchema.parse(input);
  const select = await gridSelect(session, request);
  const { lastRow, totals } = await countAndTotals(session, select);
  // The page's bounds join the filter's values only after the count has run with them. The page
  // is found by sorting only the sort and key columns, then its full rows are read by key: sorting
  // every column of a million rows to reach a deep page is what makes the last page slow.
  const { binder, definition } = select;
  const key = definition.key;
  const columns = selectList(definition.columns.map((column) => column.id));
  const pageKeys = key.map((id, index) => `${id} AS page_key_${index}`).join(', ');
  const joined = keyJoin(definition, 'full_row', 'page', 'page_key_');
  const sql = `WITH page AS (
      SELECT ${pageKeys} FROM ${definition.relation} ${select.where} ${select.orderBy}
      LIMIT ${binder.bind(request.endRow - request.startRow)} OFFSET ${binder.bind(request.startRow)}
    )
    SELECT full_row.* FROM (SELECT ${columns} FROM ${definition.relation}) AS full_row
    JOIN page ON ${joined}
    ${select.orderBy}`;
  const rows = (await session.all(sql, binder.values)) as GridRow[];
  return { rows, lastRow, totals };
}
