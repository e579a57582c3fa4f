import type { ConnectionOptions, SnowflakeError } from 'snowflake-sdk';
import type { z } from 'zod';
import type { snowflakeWarehouseSchema } from '../../settings/schema';

export type SnowflakeSettings = z.infer<typeof snowflakeWarehouseSchema>;

/** Secrets come from the credential vault at connect time; they never live in settings. */
export interface SnowflakeSecrets {
  /** Programmatic access token, for authenticator PROGRAMMATIC_ACCESS_TOKEN. */
  token?: string;
  /** Passphrase of an encrypted private key, for SNOWFLAKE_JWT. */
  privateKeyPass?: string;
}

export interface SnowflakeConnectOptions {
  /** Full URL of the account, e.g. for a private link; defaults to the account's public URL. */
  accessUrl?: string;
  /** Login attempts before giving up (the driver's default retries for minutes). */
  loginRetries?: number;
}

/** The snowflake-sdk connection options for the settings: numbers and dates come back as strings. */
export function snowflakeConnectionOptions(
  settings: SnowflakeSettings,
  secrets: SnowflakeSecrets = {},
  options: SnowflakeConnectOptions = {},
): ConnectionOptions {
  const base: ConnectionOptions = {
    account: settings.account,
    username: settings.user,
    warehouse: settings.warehouse,
    database: settings.database,
    schema: settings.schema,
    authenticator: settings.authenticator,
    application: 'Puente',
    fetchAsString: ['Number', 'Date'],
    sfRetryMaxLoginRetries: options.loginRetries ?? 2,
    clientStoreTemporaryCredential: settings.authenticator === 'EXTERNALBROWSER',
  };
  if (settings.role) base.role = settings.role;
  if (options.accessUrl) base.accessUrl = options.accessUrl;
  switch (settings.authenticator) {
    case 'SNOWFLAKE_JWT':
      if (!settings.privateKeyPath)
        throw new Error('Snowflake key pair authentication needs warehouse.privateKeyPath (the .p8 file)');
      base.privateKeyPath = settings.privateKeyPath;
      if (secrets.privateKeyPass) base.privateKeyPass = secrets.privateKeyPass;
      break;
    case 'PROGRAMMATIC_ACCESS_TOKEN':
      if (!secrets.token)
        throw new Error(
          'Snowflake programmatic access token missing: store it with `puente credentials set snowflake`',
        );
      base.token = secrets.token;
      break;
    case 'EXTERNALBROWSER':
      break;
  }
  return base;
}

/** A sentence naming what failed and the fix; never includes a secret. */
export function explainSnowflakeError(
  error: unknown,
  settings: SnowflakeSettings,
  accessUrl?: string,
): string {
  const e = (error ?? {}) as Partial<SnowflakeError> & { code?: string | number; message?: string };
  const where = accessUrl ?? `https://${settings.account}.snowflakecomputing.com`;
  const message = e.message ?? String(error);
  if (e.name === 'NetworkError' || /ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EAI_AGAIN/.test(message))
    return `cannot reach Snowflake at ${where} (${message}); check warehouse.account (org-account identifier) and the network or proxy`;
  if (/OSSL|DECODER|private key|PEM|asn1/i.test(`${e.code ?? ''} ${message}`))
    return `the private key ${settings.privateKeyPath ?? ''} cannot be read as a PKCS#8 key (${message}); point warehouse.privateKeyPath at the .p8 file whose public key is set on user ${settings.user}, and store its passphrase if it has one`;
  if (/JWT|authenticat|incorrect username or password|token/i.test(message))
    return `Snowflake refused the login of ${settings.user} with ${settings.authenticator} (${message}); check the user, the key or token, and the authenticator`;
  return message;
}
