import type { App } from '../app/create-app';
import { vaultKeys } from '../secrets/vault';
import type { Settings } from '../settings/schema';
import { SnowflakeSession } from '../warehouse/snowflake/session';
import type { SnowpipeTarget } from '../warehouse/snowflake/snowpipe';

type SnowflakeWarehouse = Extract<Settings['warehouse'], { kind: 'snowflake' }>;

/** A Snowflake session from the settings, its token or key passphrase read from the vault. */
export async function openSnowflake(app: App, warehouse: SnowflakeWarehouse): Promise<SnowflakeSession> {
  const secret = await app.vault.get(vaultKeys.password('snowflake'));
  return SnowflakeSession.open(warehouse, {
    token: warehouse.authenticator === 'PROGRAMMATIC_ACCESS_TOKEN' ? secret : undefined,
    privateKeyPass: warehouse.authenticator === 'SNOWFLAKE_JWT' ? secret : undefined,
  });
}

/** Where Snowpipe reads the staged files, or the setting that is missing. */
export function snowpipeTarget(settings: Settings): SnowpipeTarget | string {
  const { stage, warehouse } = settings;
  if (warehouse.kind !== 'snowflake') return 'the warehouse is not Snowflake';
  if (stage.kind !== 's3') return 'Snowpipe reads from S3: set the stage to S3 first';
  return {
    snowflake: { database: warehouse.database, schema: warehouse.schema },
    s3: { bucket: stage.bucket, prefix: stage.prefix },
    storageIntegrationRoleArn: stage.storageIntegrationRoleArn,
  };
}
