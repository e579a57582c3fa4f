import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SnowflakeSettings } from '../../../src/main/warehouse/snowflake/connection';
import { snowflakeConnectionOptions } from '../../../src/main/warehouse/snowflake/connection';
import { SnowflakeSession } from '../../../src/main/warehouse/snowflake/session';
import { closedPort } from '../../fixtures/closed-port';

/** These tests see only failures: no Snowflake account is reachable from CI, and none is claimed. */
const dir = mkdtempSync(join(tmpdir(), 'puente-sf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const settings: SnowflakeSettings = {
  kind: 'snowflake',
  account: 'acme-puente',
  user: 'ANALYST',
  warehouse: 'PUENTE_WH',
  database: 'PUENTE_DB',
  schema: 'RAW',
  authenticator: 'PROGRAMMATIC_ACCESS_TOKEN',
  dashboards: [],
};
const TOKEN = 'pat-secret-value-0123456789';

describe('Snowflake connection', () => {
  it('asks the driver for numbers and dates as strings and passes the chosen authenticator', () => {
    const options = snowflakeConnectionOptions(settings, { token: TOKEN });
    expect(options).toMatchObject({
      account: 'acme-puente',
      username: 'ANALYST',
      authenticator: 'PROGRAMMATIC_ACCESS_TOKEN',
      token: TOKEN,
      fetchAsString: ['Number', 'Date'],
    });
    expect(() => snowflakeConnectionOptions(settings, {})).toThrow(/puente credentials set snowflake/);
    expect(() => snowflakeConnectionOptions({ ...settings, authenticator: 'SNOWFLAKE_JWT' })).toThrow(
      /privateKeyPath/,
    );
  });

  it('fails quickly and clearly when the host is unreachable, without leaking the token', async () => {
    const accessUrl = `http://127.0.0.1:${await closedPort()}`;
    const started = Date.now();
    const error = await SnowflakeSession.open(
      settings,
      { token: TOKEN },
      { accessUrl, loginRetries: 1 },
    ).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).toMatch(
      /cannot reach Snowflake at http:\/\/127\.0\.0\.1:\d+ .*check warehouse.account/,
    );
    expect(error?.message).not.toContain(TOKEN);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('names the key file and the fix when the private key is not a key', async () => {
    const keyPath = join(dir, 'rsa_key.p8');
    writeFileSync(keyPath, '-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n');
    const accessUrl = `http://127.0.0.1:${await closedPort()}`;
    const started = Date.now();
    await expect(
      SnowflakeSession.open(
        { ...settings, authenticator: 'SNOWFLAKE_JWT', privateKeyPath: keyPath },
        {},
        { accessUrl, loginRetries: 1 },
      ),
    ).rejects.toThrow(new RegExp(`private key ${keyPath} cannot be read as a PKCS#8 key`));
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
