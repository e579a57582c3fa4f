import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

/** The folders every data dir holds; the DuckDB file sits beside them. */
export const DATA_DIR_FOLDERS = ['landing', 'stage', 'quarantine', 'runs'] as const;

/**
 * The OS per-user application data folder, the same one Electron's app.getPath('userData') gives,
 * so the desktop app and the CLI share one data dir by default.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Puente');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Puente');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Puente');
}

/** --data-dir wins, then PUENTE_DATA_DIR, then the OS default. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = flag ?? env.PUENTE_DATA_DIR;
  return chosen ? resolve(chosen) : defaultDataDir(env);
}

export interface DataDir {
  root: string;
  settingsFile: string;
  landing: string;
  stage: string;
  quarantine: string;
  runs: string;
}

export function dataDirLayout(root: string, settingsFile?: string): DataDir {
  return {
    root,
    settingsFile: settingsFile ? resolve(settingsFile) : join(root, 'settings.json'),
    landing: join(root, 'landing'),
    stage: join(root, 'stage'),
    quarantine: join(root, 'quarantine'),
    runs: join(root, 'runs'),
  };
}

export function ensureDataDir(dir: DataDir): void {
  for (const folder of DATA_DIR_FOLDERS) mkdirSync(dir[folder], { recursive: true });
}

/** Settings paths may be relative to the data dir. */
export function inDataDir(dir: DataDir, path: string): string {
  return isAbsolute(path) ? path : join(dir.root, path);
}
