import { type DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import { inTransaction, type SqlRow, type SqlSession, type SqlValue } from '../session';

/** A SqlSession over one DuckDB connection. Opening a file another process holds fails clearly. */
export class DuckDbSession implements SqlSession {
  readonly dialect = 'duckdb' as const;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  /** Opens (or creates) the database file; ':memory:' for an in-memory database. */
  static async open(path: string): Promise<DuckDbSession> {
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path);
    } catch (error) {
      const message = (error as Error).message;
      const hint = /lock/i.test(message)
        ? 'another Puente process (or a DuckDB client) holds the file: close it and retry'
        : 'check that the folder exists and is writable';
      throw new Error(`Cannot open the DuckDB warehouse ${path}: ${message} (${hint})`);
    }
    const connection = await instance.connect();
    // Tables are compacted by the model runner when their deleted rows pass a share (models/compaction.ts);
    // left on, every checkpoint would compact each row group holding a deleted row.
    await connection.run('SET max_vacuum_tasks = 0');
    return new DuckDbSession(instance, connection);
  }

  async run(sql: string, binds: readonly SqlValue[] = []): Promise<void> {
    await this.connection.run(sql, binds.length ? (binds as DuckDBValue[]) : undefined);
  }

  async all(sql: string, binds: readonly SqlValue[] = []): Promise<SqlRow[]> {
    const reader = await this.connection.runAndReadAll(
      sql,
      binds.length ? (binds as DuckDBValue[]) : undefined,
    );
    return reader.getRowObjectsJson() as SqlRow[];
  }

  async *streamChunks(sql: string, binds: readonly SqlValue[] = []): AsyncGenerator<SqlRow[]> {
    const result = await this.connection.stream(sql, binds.length ? (binds as DuckDBValue[]) : undefined);
    for await (const rows of result.yieldRowObjectJson()) yield rows as SqlRow[];
  }

  transaction<T>(work: (session: SqlSession) => Promise<T>): Promise<T> {
    return inTransaction(this, 'BEGIN TRANSACTION', work);
  }

  async close(): Promise<void> {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}
