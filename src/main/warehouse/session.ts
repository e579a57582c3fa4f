/**
 * The narrow SQL surface every warehouse offers: the model runner, the loader, the grid queries and
 * the exports all speak through it. Values come back JSON-safe and exact: DECIMAL and BIGINT as
 * strings, DATE as 'YYYY-MM-DD', TIMESTAMP as 'YYYY-MM-DD HH:MM:SS', VARCHAR as string.
 * Every user-entered value goes in `binds` ($1, $2, ... in DuckDB; ? in Snowflake), never in the SQL text.
 */
export type Dialect = 'duckdb' | 'snowflake';

export type SqlValue = string | number | boolean | null;
export type SqlRow = Record<string, string | number | boolean | null>;

export interface SqlSession {
  readonly dialect: Dialect;
  /** Runs one statement (or several separated by semicolons when there are no binds). */
  run(sql: string, binds?: readonly SqlValue[]): Promise<void>;
  /** Runs a query and returns every row. */
  all(sql: string, binds?: readonly SqlValue[]): Promise<SqlRow[]>;
  /** Runs a query and yields its rows a chunk at a time, so a large result never sits whole in memory. */
  streamChunks?(sql: string, binds?: readonly SqlValue[]): AsyncIterable<SqlRow[]>;
  /** Runs `work` inside one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (session: SqlSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** BEGIN, then COMMIT when `work` resolves or ROLLBACK when it throws: the body of every `transaction()`. */
export async function inTransaction<T>(
  session: SqlSession,
  begin: string,
  work: (session: SqlSession) => Promise<T>,
): Promise<T> {
  await session.run(begin);
  try {
    const result = await work(session);
    await session.run('COMMIT');
    return result;
  } catch (error) {
    await session.run('ROLLBACK');
    throw error;
  }
}
