import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { StatusReport } from '../../shared/status';
import type { RunHistory } from '../jobs/run-history';
import { pendingLanded, snapshotDateOf } from '../jobs/stage-landed';
import { StagingLog } from '../jobs/staging-log';
import { type ManifestEntry, readManifest } from '../landing/manifest';
import { type DataDir, inDataDir } from '../settings/data-dir';
import type { Settings } from '../settings/schema';

/** Per report: files landed and the last day read, from the manifest (newest snapshot wins). */
function freshness(entries: readonly ManifestEntry[]): StatusReport['freshness'] {
  const byReport = new Map<string, StatusReport['freshness'][number]>();
  for (const entry of entries) {
    const snapshot = snapshotDateOf(entry);
    const current = byReport.get(entry.report) ?? {
      report: entry.report,
      files: 0,
      lastSnapshot: snapshot,
      lastDownloadedAt: entry.downloadedAt,
    };
    current.files += 1;
    if (snapshot > current.lastSnapshot) current.lastSnapshot = snapshot;
    if (entry.downloadedAt > current.lastDownloadedAt) current.lastDownloadedAt = entry.downloadedAt;
    byReport.set(entry.report, current);
  }
  return [...byReport.values()].sort((a, b) => a.report.localeCompare(b.report));
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
  const entries = [...readManifest(join(dataDir.landing, 'manifest.jsonl')).entries.values()];
  const quarantinedFiles = entries.filter((entry) => entry.outcome.status === 'quarantined').length;
  const pendingFiles = pendingLanded(entries, new StagingLog(join(dataDir.root, 'staged.jsonl'))).length;
  return {
    version: deps.version,
    dataDir: dataDir.root,
    settingsFile: dataDir.settingsFile,
    settingsPresent: existsSync(dataDir.settingsFile),
    stage: describeStage(settings, dataDir),
    warehouse: describeWarehouse(settings, dataDir),
    empty: runs.length === 0 && entries.length === 0,
    runs,
    landedFiles: entries.length,
    quarantinedFiles,
    pendingFiles,
    freshness: freshness(entries),
  };
}
