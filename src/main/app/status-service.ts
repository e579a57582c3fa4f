import { existsSync, readdirSync } from 'node:fs';
import type { StatusReport } from '../../shared/status';
import type { RunHistory } from '../jobs/run-history';
import { type DataDir, inDataDir } from '../settings/data-dir';
import type { Settings } from '../settings/schema';

function countFiles(folder: string, accept: (name: string) => boolean): number {
  if (!existsSync(folder)) return 0;
  let count = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && accept(entry.name)) count += 1;
  }
  return count;
}

function describeStage(settings: Settings, dir: DataDir): string {
  const stage = settings.stage;
  return stage.kind === 'local'
    ? `local folder ${inDataDir(dir, stage.folder)}`
    : `s3://${stage.bucket}/${stage.prefix}`;
}

function describeWarehouse(settings: Settings, dir: DataDir): string {
  const warehouse = settings.warehouse;
  return warehouse.kind === 'duckdb'
    ? `DuckDB ${inDataDir(dir, warehouse.file)}`
    : `Snowflake ${warehouse.account}/${warehouse.database}`;
}

/** Builds the status report from what is on disk; it never opens the warehouse, so it works during a sync. */
export function readStatus(deps: {
  version: string;
  dataDir: DataDir;
  settings: Settings;
  runs: RunHistory;
}): StatusReport {
  const { dataDir, settings } = deps;
  const runs = deps.runs.list();
  const landedFiles = countFiles(
    dataDir.landing,
    (name) => !name.endsWith('.jsonl') && !name.includes('.tmp'),
  );
  const quarantinedFiles = countFiles(dataDir.quarantine, (name) => !name.endsWith('.json'));
  return {
    version: deps.version,
    dataDir: dataDir.root,
    settingsFile: dataDir.settingsFile,
    settingsPresent: existsSync(dataDir.settingsFile),
    stage: describeStage(settings, dataDir),
    warehouse: describeWarehouse(settings, dataDir),
    empty: runs.length === 0 && landedFiles === 0,
    runs,
    landedFiles,
    quarantinedFiles,
  };
}
