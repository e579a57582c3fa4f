import { GRID_VIEWS, type GridColumn } from '../../shared/api';
import { gridSelect } from '../recon/grid-query';
import { gridView } from '../recon/views';
import type { SqlRow, SqlSession } from '../warehouse/session';
import { orderedPages } from './ordered-pages';
import type { CellRows } from './sheet-writer';
import { withWorkbook } from './xlsx-workbook';

export const SUMMARY_SHEET = 'Summary';

const SUMMARY_COLUMNS: GridColumn[] = [
  { id: 'sheet', kind: 'text' },
  { id: 'rows', kind: 'number' },
  { id: 'money_column', kind: 'text' },
  { id: 'total', kind: 'money' },
];

const BY_STATUS_COLUMNS: GridColumn[] = [
  { id: 'lifecycle_status', kind: 'text' },
  { id: 'altas', kind: 'number' },
  { id: 'alta_amount', kind: 'money' },
];

/** A few rows already read, as the one page of cell texts of a small sheet. */
async function* onePage(rows: readonly SqlRow[], columns: readonly GridColumn[]): AsyncGenerator<CellRows> {
  yield rows.map((row) =>
    columns.map(({ id }) => (row[id] === null || row[id] === undefined ? '' : String(row[id]))),
  );
}

/** One summary line per money column of each mart (or one line when it has none): exact SQL totals. */
async function summaryRows(session: SqlSession): Promise<SqlRow[]> {
  const lines: SqlRow[] = [];
  for (const view of GRID_VIEWS) {
    const definition = gridView(view);
    const money = definition.columns.filter((column) => column.kind === 'money').map((column) => column.id);
    const [totals] = await session.all(
      `SELECT ${['count(*) AS row_count', ...money.map((id) => `sum(${id}) AS ${id}`)].join(', ')} FROM ${definition.relation}`,
    );
    const rows = Number(totals?.row_count ?? 0);
    if (money.length === 0) lines.push({ sheet: view, rows, money_column: null, total: null });
    for (const id of money)
      lines.push({ sheet: view, rows, money_column: id, total: String(totals?.[id] ?? '0.00') });
  }
  return lines;
}

async function byStatusRows(session: SqlSession): Promise<SqlRow[]> {
  const rows = await session.all(
    `SELECT lifecycle_status, count(*) AS altas, sum(alta_amount) AS alta_amount
     FROM marts.reconciliation WHERE row_kind = 'alta' GROUP BY lifecycle_status ORDER BY lifecycle_status`,
  );
  const [total] = await session.all(
    "SELECT count(*) AS altas, sum(alta_amount) AS alta_amount FROM marts.reconciliation WHERE row_kind = 'alta'",
  );
  return [
    ...rows,
    { lifecycle_status: 'Total', altas: total?.altas ?? 0, alta_amount: total?.alta_amount ?? '0.00' },
  ];
}

/**
 * The full reconciliation workbook: a Summary sheet (rows and money totals of every mart, computed
 * by the warehouse), a sheet of alta amounts by lifecycle status with its grand total, then one
 * sheet per mart with every row and column. Returns the rows written to the mart sheets.
 */
export async function exportReconciliationWorkbook(session: SqlSession, outFile: string): Promise<number> {
  return withWorkbook(outFile, async (workbook) => {
    await workbook.addSheet(
      SUMMARY_SHEET,
      SUMMARY_COLUMNS,
      onePage(await summaryRows(session), SUMMARY_COLUMNS),
    );
    await workbook.addSheet(
      'By status',
      BY_STATUS_COLUMNS,
      onePage(await byStatusRows(session), BY_STATUS_COLUMNS),
    );
    let rows = 0;
    for (const view of GRID_VIEWS) {
      const select = await gridSelect(session, { view });
      const columns = select.definition.columns;
      rows += await workbook.addSheet(view, columns, orderedPages(session, select, columns));
    }
    return rows;
  });
}
