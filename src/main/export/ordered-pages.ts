import { randomUUID } from 'node:crypto';
import type { GridColumn } from '../../shared/api';
import { Binder } from '../recon/binder';
import type { GridSelect } from '../recon/grid-query';
import { keyJoin } from '../recon/views';
import type { SqlRow, SqlSession, SqlValue } from '../warehouse/session';
import type { CellRows } from './sheet-writer';

export const EXPORT_PAGE_ROWS = 20_000;

/**
 * The warehouse joins each row's cells into one text with this separator (ASCII unit separator):
 * reading one string per row instead of forty values is what makes a million rows cheap to read.
 * XML cannot carry the character, so removing it from the text costs nothing.
 */
const SEPARATOR = '\u001f';

function cellsText(columns: readonly GridColumn[], relation: string): string {
  const cells = columns.map(({ id, kind }) => {
    const text = `CAST(${relation}.${id} AS VARCHAR)`;
    return `coalesce(${kind === 'text' ? `replace(${text}, chr(31), '')` : text}, '')`;
  });
  return `concat_ws(chr(31), ${cells.join(', ')})`;
}

function* split(lines: readonly string[]): Generator<readonly string[]> {
  for (const line of lines) yield line.split(SEPARATOR);
}

/** The rows of one query a chunk at a time: streamed where the warehouse can, else read whole. */
async function* chunks(
  session: SqlSession,
  sql: string,
  binds: readonly SqlValue[],
): AsyncGenerator<SqlRow[]> {
  if (session.streamChunks) yield* session.streamChunks(sql, binds);
  else yield await session.all(sql, binds);
}

/**
 * Asks `source` for its next item while the consumer works on the current one, so the warehouse
 * reads while the writer writes; only one item is ever held ahead.
 */
async function* readAhead<T>(source: AsyncGenerator<T>): AsyncGenerator<T> {
  // A read that fails while the consumer is busy is not unhandled: it is thrown at the next await.
  const ask = () => {
    const pending = source.next();
    pending.catch(() => undefined);
    return pending;
  };
  let next = ask();
  try {
    for (let item = await next; !item.done; item = await next) {
      next = ask();
      yield item.value;
    }
  } finally {
    await next.catch(() => undefined);
    await source.return(undefined);
  }
}

/**
 * The cell texts of a grid selection's rows in its sort order, chunk by chunk. The selection's keys
 * are numbered once into a temporary table; each page then joins its range of keys back to the mart,
 * so no page re-sorts the mart (OFFSET paging is quadratic at a million rows) and the temporary
 * table stays small whatever the number of columns. Pages are streamed a chunk at a time, so only a
 * couple of thousand rows sit in memory. The view's key must identify a row: a page that finds more
 * rows than it numbered fails rather than writing duplicates.
 */
export async function* orderedPages(
  session: SqlSession,
  select: GridSelect,
  columns: readonly GridColumn[],
  pageRows = EXPORT_PAGE_ROWS,
): AsyncGenerator<CellRows> {
  const { definition } = select;
  const table = `export_${randomUUID().replaceAll('-', '')}`;
  const keys = definition.key.map((id, index) => `${id} AS export_key_${index}`).join(', ');
  await session.run(
    `CREATE TEMPORARY TABLE ${table} AS
     SELECT ${keys}, row_number() OVER (${select.orderBy}) AS export_row
     FROM ${definition.relation} ${select.where}`,
    select.binder.values,
  );
  try {
    const [counted] = await session.all(`SELECT count(*) AS n FROM ${table}`);
    const total = Number(counted?.n ?? 0);
    const joined = keyJoin(definition, 'full_row', 'page', 'export_key_');
    async function* lines(): AsyncGenerator<SqlRow[]> {
      for (let first = 1; first <= total; first += pageRows) {
        const range = new Binder(session.dialect);
        const sql = `SELECT ${cellsText(columns, 'full_row')} AS line
           FROM ${definition.relation} AS full_row
           JOIN (SELECT * FROM ${table} WHERE export_row >= ${range.bind(first)} AND export_row < ${range.bind(first + pageRows)}) AS page
             ON ${joined}
           ORDER BY page.export_row`;
        const expected = Math.min(pageRows, total - first + 1);
        let found = 0;
        for await (const rows of chunks(session, sql, range.values)) {
          found += rows.length;
          if (found > expected) break;
          yield rows;
        }
        if (found !== expected) {
          throw new Error(
            `Export of ${definition.relation}: ${found} rows for ${expected} keys; its key (${definition.key.join(', ')}) does not identify a row`,
          );
        }
      }
    }
    for await (const rows of readAhead(lines())) yield split(rows.map((row) => String(row.line)));
  } finally {
    await session.run(`DROP TABLE IF EXISTS ${table}`);
  }
}
