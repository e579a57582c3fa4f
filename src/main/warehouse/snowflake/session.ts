import type { Readable } from 'node:stream';
import type { Bind, Connection, Pool, RowStatement, SnowflakeError } from 'snowflake-sdk';
import { inTransaction, type SqlRow, type SqlSession, type SqlValue } from '../session';
import {
  explainSnowflakeError,
  type SnowflakeConnectOptions,
  type SnowflakeSecrets,
  type SnowflakeSettings,
  snowflakeConnectionOptions,
} from './connection';

type SnowflakeSdk = typeof import('snowflake-sdk');

let sdk: Promise<SnowflakeSdk> | undefined;
/** Loaded on first use, so the bundle keeps snowflake-sdk external and the default path never loads it. */
function loadSdk(): Promise<SnowflakeSdk> {
  sdk ??= import('snowflake-sdk').then((module) => {
    const loaded = ((module as { default?: SnowflakeSdk }).default ?? module) as SnowflakeSdk;
    loaded.configure({ logLevel: 'OFF' });
    return loaded;
  });
  return sdk;
}

/** DATE as YYYY-MM-DD and TIMESTAMP as 'YYYY-MM-DD HH:MM:SS' in UTC, as the SqlSession contract says. */
const SESSION_FORMATS = `ALTER SESSION SET TIMEZONE = 'UTC', DATE_OUTPUT_FORMAT = 'YYYY-MM-DD',
  TIMESTAMP_NTZ_OUTPUT_FORMAT = 'YYYY-MM-DD HH24:MI:SS', TIMESTAMP_LTZ_OUTPUT_FORMAT = 'YYYY-MM-DD HH24:MI:SS',
  TIMESTAMP_TZ_OUTPUT_FORMAT = 'YYYY-MM-DD HH24:MI:SS TZH:TZM'`;

function execute(connection: Connection, sql: string, binds: readonly SqlValue[], stream: boolean) {
  return new Promise<{ statement: RowStatement; rows: SqlRow[] }>((resolve, reject) => {
    connection.execute({
      sqlText: sql,
      binds: binds as Bind[],
      fetchAsString: ['Number', 'Date'],
      streamResult: stream,
      complete: (error: SnowflakeError | undefined, statement, rows) => {
        if (error) reject(error);
        else resolve({ statement: statement as RowStatement, rows: (rows ?? []) as SqlRow[] });
      },
    });
  });
}

/** Resolves once logged in; rejects with the driver's error (its promise form does not reject on failure). */
function connect(connection: Connection, externalBrowser: boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (error: SnowflakeError | undefined) => (error ? reject(error) : resolve());
    // Browser SSO needs the async form; it reports through the callback too.
    if (externalBrowser) connection.connectAsync(done).catch(reject);
    else connection.connect(done);
  });
}

/** A SqlSession over one Snowflake connection: binds are `?`, every value bound, numbers as strings. */
export class SnowflakeSession implements SqlSession {
  readonly dialect = 'snowflake' as const;

  constructor(private readonly connection: Connection) {}

  /** Connects (EXTERNALBROWSER opens the system browser for SSO) and sets the output formats. */
  static async open(
    settings: SnowflakeSettings,
    secrets: SnowflakeSecrets = {},
    options: SnowflakeConnectOptions = {},
  ): Promise<SnowflakeSession> {
    const snowflake = await loadSdk();
    try {
      const connection = snowflake.createConnection(snowflakeConnectionOptions(settings, secrets, options));
      await connect(connection, settings.authenticator === 'EXTERNALBROWSER');
      const session = new SnowflakeSession(connection);
      await session.run(SESSION_FORMATS);
      return session;
    } catch (error) {
      throw new Error(
        `Cannot connect to Snowflake: ${explainSnowflakeError(error, settings, options.accessUrl)}`,
        {
          cause: error,
        },
      );
    }
  }

  async run(sql: string, binds: readonly SqlValue[] = []): Promise<void> {
    await execute(this.connection, sql, binds, false);
  }

  async all(sql: string, binds: readonly SqlValue[] = []): Promise<SqlRow[]> {
    return (await execute(this.connection, sql, binds, false)).rows;
  }

  /** Rows one at a time, for results too large to hold in memory. */
  async *stream(sql: string, binds: readonly SqlValue[] = []): AsyncGenerator<SqlRow> {
    const { statement } = await execute(this.connection, sql, binds, true);
    const rows: Readable = statement.streamRows();
    for await (const row of rows) yield row as SqlRow;
  }

  transaction<T>(work: (session: SqlSession) => Promise<T>): Promise<T> {
    return inTransaction(this, 'BEGIN', work);
  }

  async close(): Promise<void> {
    if (!this.connection.isUp()) return;
    await new Promise<void>((resolve, reject) =>
      this.connection.destroy((error) => (error ? reject(error) : resolve())),
    );
  }
}

/** A pool of connections; `use` lends one session for the duration of `work`. */
export class SnowflakePool {
  private constructor(private readonly pool: Pool<Connection>) {}

  static async create(
    settings: SnowflakeSettings,
    secrets: SnowflakeSecrets = {},
    options: SnowflakeConnectOptions & { max?: number } = {},
  ): Promise<SnowflakePool> {
    const snowflake = await loadSdk();
    const pool = snowflake.createPool(snowflakeConnectionOptions(settings, secrets, options), {
      max: options.max ?? 4,
      min: 0,
    });
    return new SnowflakePool(pool);
  }

  async use<T>(work: (session: SnowflakeSession) => Promise<T>): Promise<T> {
    const connection = await this.pool.acquire();
    try {
      const session = new SnowflakeSession(connection);
      await session.run(SESSION_FORMATS);
      return await work(session);
    } finally {
      await this.pool.release(connection);
    }
  }

  async close(): Promise<void> {
    await this.pool.drain();
    await this.pool.clear();
  }
}
