import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderedPages } from '../../../src/main/export/ordered-pages';
import { gridSelect } from '../../../src/main/recon/grid-query';
import { DuckDbSession } from '../../../src/main/warehouse/duckdb/session';
import type { SqlSession } from '../../../src/main/warehouse/session';
import type { GridColumn } from '../../../src/shared/api';
import { syntheticReconciliation } from '../../integration/recon/synthetic-marts';

let session: DuckDbSession;

beforeAll(async () => {
  session = await DuckDbSession.open(':memory:');
  await syntheticReconciliation(session, 2_500);
});

afterAll(async () => {
  await session?.close();
});

const COLUMNS: GridColumn[] = [
  { id: 'row_id', kind: 'text' },
  { id: 'alta_amount', kind: 'money' },
];
const STATE = { view: 'reconciliation' as const, sort: [{ colId: 'alta_amount', sort: 'desc' as const }] };

/** The same DuckDB session seen as a warehouse that cannot stream (as Snowflake is to the export). */
function withoutStreaming(inner: SqlSession): SqlSession {
  return {
    dialect: inner.dialect,
    run: (sql, binds) => inner.run(sql, binds),
    all: (sql, binds) => inner.all(sql, binds),
    transaction: (work) => inner.transaction(work),
    close: () => inner.close(),
  };
}

async function exported(from: SqlSession, pageRows: number): Promise<string[][]> {
  const rows: string[][] = [];
  for await (const page of orderedPages(from, await gridSelect(from, STATE), COLUMNS, pageRows)) {
    for (const cells of page) rows.push([...cells]);
  }
  return rows;
}

describe('ordered pages', () => {
  it('streams every row once in the sort order, across page and chunk boundaries', async () => {
    // 3,000-row pages span two of DuckDB's 2,048-row chunks; 700-row pages end mid-chunk.
    const wide = await exported(session, 3_000);
    const narrow = await exported(session, 700);
    expect(wide).toHaveLength(2_500);
    expect(new Set(wide.map(([id]) => id)).size).toBe(2_500);
    const amounts = wide.map(([, amount]) => Number(amount));
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    expect(narrow).toEqual(wide);
  });

  it('reads whole pages from a warehouse that cannot stream, with the same rows', async () => {
    expect(session.streamChunks).toBeTypeOf('function');
    expect(await exported(withoutStreaming(session), 1_000)).toEqual(await exported(session, 1_000));
  });

  it('drops its temporary table when the consumer stops early', async () => {
    const pages = orderedPages(session, await gridSelect(session, STATE), COLUMNS, 500);
    await pages.next();
    await pages.return(undefined);
    const left = await session.all(
      `SELECT count(*) AS n FROM duckdb_tables() WHERE temporary AND table_name LIKE 'export_%'`,
    );
    expect(Number(left[0]?.n)).toBe(0);
  });
});
