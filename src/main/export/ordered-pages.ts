import { randomUUID } from 'node:crypto';
import { Binder } from '../recon/binder';
import type { GridSelect } from '../recon/grid-query';
import type { SqlRow, SqlSession } from '../warehouse/session';

export const EXPORT_PAGE_ROWS = 20_000;

/**
 * The rows of a grid selection in its sort order, page by page. The selection is numbered once into
 * a temporary table stored in that order, so each page is a range read, not a re-sort of the mart
 * (OFFSET paging re-sorts everything for every page: quadratic at a million rows).
 */
export async function* orderedPages(
  session: SqlSession,
  select: GridSelect,
  columns: readonly string[],
  pageRows = EXPORT_PAGE_ROWS,
): AsyncGenerator<SqlRow[]> {
  const table = `export_${randomUUID().replaceAll('-', '')}`;
  const numbered = `row_number() OVER (${select.orderBy}) AS export_row`;
  await session.run(
    `CREATE TEMPORARY TABLE ${table} AS
     SELECT ${columns.join(', ')}, ${numbered} FROM ${select.definition.relation} ${select.where} ORDER BY export_row`,
    select.binder.values,
  );
  try {
    for (let first = 1; ; first += pageRows) {
      const range = new Binder(session.dialect);
      const rows = await session.all(
        `SELECT ${columns.join(', ')} FROM ${table}
         WHERE export_row >= ${range.bind(first)} AND export_row < ${range.bind(first + pageRows)} ORDER BY export_row`,
        range.values,
      );
      if (rows.length > 0) yield rows;
      if (rows.length < pageRows) return;
    }
  } finally {
    await session.run(`DROP TABLE IF EXISTS ${table}`);
  }
}
