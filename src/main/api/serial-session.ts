import type { SqlSession, SqlValue } from '../warehouse/session';

/**
 * The app's one warehouse connection shared by concurrent API calls: statements run one at a time
 * (a DuckDB connection must not run two at once), and a transaction keeps the connection until it ends.
 */
export class SerialSession implements SqlSession {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly inner: SqlSession) {}

  get dialect() {
    return this.inner.dialect;
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work, work);
    this.queue = result.catch(() => undefined);
    return result;
  }

  run(sql: string, binds?: readonly SqlValue[]): Promise<void> {
    return this.exclusive(() => this.inner.run(sql, binds));
  }

  all(sql: string, binds?: readonly SqlValue[]) {
    return this.exclusive(() => this.inner.all(sql, binds));
  }

  transaction<T>(work: (session: SqlSession) => Promise<T>): Promise<T> {
    return this.exclusive(() => this.inner.transaction(work));
  }

  /** The app owns the connection and closes it. */
  async close(): Promise<void> {}
}
