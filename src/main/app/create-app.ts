import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import type { StatusReport } from '../../shared/status';
import { RunHistory } from '../jobs/run-history';
import { LandingStore } from '../landing/store';
import { Logger, type LogLevel, newRunId } from '../log/logger';
import { Redactor } from '../log/redact';
import { FileVault, vaultPassphrase } from '../secrets/file-vault';
import type { Vault } from '../secrets/vault';
import { type DataDir, dataDirLayout, ensureDataDir, inDataDir, resolveDataDir } from '../settings/data-dir';
import type { Settings } from '../settings/schema';
import { loadSettings, saveSettings } from '../settings/store';
import { LocalFolderStage } from '../stage/local-folder-stage';
import { S3Stage } from '../stage/s3-stage';
import type { Stage } from '../stage/stage';
import { DuckDbSession } from '../warehouse/duckdb/session';
import type { SqlSession } from '../warehouse/session';
import { readStatus } from './status-service';
import { Lazy, type Stores } from './stores';
import { appVersion } from './version';

export interface AppOptions {
  /** --data-dir; PUENTE_DATA_DIR and the OS default apply when absent. */
  dataDir?: string;
  /** --config: a settings file outside the data dir. */
  configFile?: string;
  /** --json: JSON Lines logs for schedulers. */
  json?: boolean;
  logLevel?: LogLevel;
  logOut?: Writable;
  env?: NodeJS.ProcessEnv;
  /** The Electron shell passes its safeStorage vault; the CLI and server default to the file vault. */
  vault?: Vault;
}

/**
 * The composition root: every service is built here, once, from the settings. The Electron main
 * process, the CLI and the HTTP bridge all get their services from this object and hold no
 * business logic of their own.
 */
export interface App extends Stores {
  readonly version: string;
  readonly dataDir: DataDir;
  readonly redactor: Redactor;
  readonly logger: Logger;
  readonly runs: RunHistory;
  readonly vault: Vault;
  settings(): Settings;
  updateSettings(next: unknown): Settings;
  status(): StatusReport;
  close(): Promise<void>;
}

export function createApp(options: AppOptions = {}): App {
  const env = options.env ?? process.env;
  const dataDir = dataDirLayout(resolveDataDir(options.dataDir, env), options.configFile);
  ensureDataDir(dataDir);
  let settings = loadSettings(dataDir.settingsFile);
  const redactor = new Redactor();
  const logger = new Logger(
    { redactor, json: options.json ?? false, level: options.logLevel, out: options.logOut },
    newRunId(),
  );
  const runs = new RunHistory(dataDir.runs);
  const version = appVersion();
  const landing = new Lazy(() => LandingStore.open(dataDir.root));
  const stage = new Lazy(async (): Promise<Stage> => {
    const config = settings.stage;
    return config.kind === 'local'
      ? new LocalFolderStage(inDataDir(dataDir, config.folder))
      : new S3Stage(config);
  });
  const warehouse = new Lazy(async (): Promise<SqlSession> => {
    const config = settings.warehouse;
    if (config.kind !== 'duckdb') {
      throw new Error(
        'The sync loads and builds in the embedded DuckDB; Snowflake loads through Snowpipe (puente snowflake).',
      );
    }
    return DuckDbSession.open(inDataDir(dataDir, config.file));
  });
  const vault =
    options.vault ??
    new FileVault(
      join(dataDir.root, 'vault.enc'),
      () => vaultPassphrase(env, env.PUENTE_VAULT_KEY_FILE ?? join(homedir(), '.puente', 'vault.key')),
      redactor,
    );

  return {
    version,
    dataDir,
    redactor,
    logger,
    runs,
    vault,
    landing: () => landing.get(),
    stage: () => stage.get(),
    warehouse: () => warehouse.get(),
    settings: () => settings,
    updateSettings(next) {
      settings = saveSettings(dataDir.settingsFile, next);
      logger.info('settings saved', { file: dataDir.settingsFile });
      return settings;
    },
    status: () => readStatus({ version, dataDir, settings, runs }),
    async close() {
      await (await warehouse.ifOpened())?.close();
    },
  };
}
