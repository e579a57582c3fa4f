import { STATE_TABLE } from '../models/fingerprints';
import type { SqlSession } from '../warehouse/session';
import { Binder } from './binder';
import { quickSearchPredicate, searchWords } from './filters';
import type { GridViewDefinition } from './views';

/**
 * Quick search at a million rows. On DuckDB each mart gets a search index, a temporary table of its
 * key and one lower-cased text of its searchable columns, rebuilt when the mart changes (a new table
 * after a build, a different row count after an incremental merge, or any model written since: a post
 * hook updates rows in place). The rows
 * matching the last few searches are kept too, so the count, the totals and every page the grid
 * asks for while the analyst scrolls or sorts read a small table instead of scanning the mart again.
 * Other warehouses (and marts that are views) get the plain predicate. Every word stays bound.
 */

interface SessionCache {
  /** Per mart: the signature its search index was built for. */
  indexes: Map<string, string>;
  /** The last searches' hit tables, oldest first, by mart, signature and words. */
  hits: Map<string, string>;
  created: number;
}

/**
 * Searches whose hits are kept. Each has its own table, so grid requests in flight for an older
 * search (the analyst is still typing) never read another search's hits.
 */
const KEPT_SEARCHES = 4;

const caches = new WeakMap<SqlSession, SessionCache>();

function cacheOf(session: SqlSession): SessionCache {
  let cache = caches.get(session);
  if (!cache) {
    cache = { indexes: new Map(), hits: new Map(), created: 0 };
    caches.set(session, cache);
  }
  return cache;
}

/** What changes when the mart is rebuilt or merged into; null when it is not a DuckDB table. */
async function martSignature(session: SqlSession, relation: string): Promise<string | null> {
  const [schema, table] = relation.split('.');
  const [stateSchema, stateTable] = STATE_TABLE.split('.');
  const tables = await session.all(
    `SELECT schema_name, table_name, table_oid, estimated_size FROM duckdb_tables()
     WHERE (schema_name = $1 AND table_name = $2) OR (schema_name = $3 AND table_name = $4)`,
    [schema ?? '', table ?? '', stateSchema ?? '', stateTable ?? ''],
  );
  const mart = tables.find((row) => row.schema_name === schema && row.table_name === table);
  if (!mart) return null;
  const built = tables.some((row) => row.schema_name === stateSchema && row.table_name === stateTable)
    ? (await session.all(`SELECT max(built_at) AS built_at FROM ${STATE_TABLE}`))[0]?.built_at
    : null;
  return `${mart.table_oid}:${mart.estimated_size}:${built ?? ''}`;
}

const tableName = (prefix: string, relation: string) => `${prefix}_${relation.replace(/\W/g, '_')}`;

async function searchIndex(
  session: SqlSession,
  definition: GridViewDefinition,
  columns: readonly string[],
  signature: string,
): Promise<string> {
  const cache = cacheOf(session);
  const table = tableName('quick_search', definition.relation);
  if (cache.indexes.get(definition.relation) !== signature) {
    await session.run(
      `CREATE OR REPLACE TEMPORARY TABLE ${table} AS
       SELECT ${definition.key.join(', ')}, lower(concat_ws(chr(31), ${columns.join(', ')})) AS haystack
       FROM ${definition.relation}`,
    );
    cache.indexes.set(definition.relation, signature);
  }
  return table;
}

/**
 * A predicate on the mart's rows that match every word of `search` in one of `columns`
 * (case-insensitive), or null when there is nothing to search.
 */
export async function quickSearchCondition(
  session: SqlSession,
  definition: GridViewDefinition,
  columns: readonly string[],
  search: string,
  binder: Binder,
): Promise<string | null> {
  const words = searchWords(search);
  if (words.length === 0 || columns.length === 0) return null;
  const signature = session.dialect === 'duckdb' ? await martSignature(session, definition.relation) : null;
  if (signature === null) return quickSearchPredicate(columns, words, binder);

  const cache = cacheOf(session);
  const keys = definition.key.join(', ');
  const searchKey = JSON.stringify([definition.relation, signature, words]);
  let table = cache.hits.get(searchKey);
  if (!table) {
    const index = await searchIndex(session, definition, columns, signature);
    cache.created += 1;
    table = `quick_search_hits_${cache.created}`;
    const bound = new Binder(session.dialect);
    const matches = words.map((word) => `contains(haystack, ${bound.bind(word)})`).join(' AND ');
    await session.run(
      `CREATE TEMPORARY TABLE ${table} AS SELECT ${keys} FROM ${index} WHERE ${matches}`,
      bound.values,
    );
    cache.hits.set(searchKey, table);
    for (const [oldest, dropped] of cache.hits) {
      if (cache.hits.size <= KEPT_SEARCHES) break;
      cache.hits.delete(oldest);
      await session.run(`DROP TABLE IF EXISTS ${dropped}`);
    }
  }
  return `(${keys}) IN (SELECT ${keys} FROM ${table})`;
}
