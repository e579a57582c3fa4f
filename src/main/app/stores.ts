import type { LandingStore } from '../landing/store';
import type { Stage } from '../stage/stage';
import type { SqlSession } from '../warehouse/session';

/**
 * The stores a sync and the UI share, opened lazily and once per app: the landing store, the stage
 * and the warehouse session. Opening is deferred so that `puente status` or `--help` never opens the
 * DuckDB file (which another process may hold) or reaches S3.
 */
export class Lazy<T> {
  private value: Promise<T> | undefined;

  constructor(private readonly open: () => Promise<T>) {}

  get(): Promise<T> {
    this.value ??= this.open().catch((error: unknown) => {
      this.value = undefined;
      throw error;
    });
    return this.value;
  }

  /** The value if it was opened, without opening it. */
  async ifOpened(): Promise<T | undefined> {
    return this.value ? this.value.catch(() => undefined) : undefined;
  }
}

export interface Stores {
  landing(): Promise<LandingStore>;
  stage(): Promise<Stage>;
  warehouse(): Promise<SqlSession>;
}
