import type { Dialect, SqlValue } from '../warehouse/session';

/** Collects bound values and hands out their placeholders: $1, $2 ... in DuckDB, ? in Snowflake. */
export class Binder {
  readonly values: SqlValue[] = [];

  constructor(private readonly dialect: Dialect) {}

  bind(value: SqlValue): string {
    this.values.push(value);
    return this.dialect === 'duckdb' ? `$${this.values.length}` : '?';
  }
}
