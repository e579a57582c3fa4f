import { join } from 'node:path';
import type { LandedFile, StagedFile } from '../../shared/api';
import { type StagedRecord, StagingLog } from '../jobs/staging-log';
import { type ManifestEntry, readManifest } from '../landing/manifest';
import { ledger } from '../warehouse/duckdb/loader';
import { snowflakeStatus } from '../warehouse/snowflake/setup';
import type { FileLoadOutcome } from '../warehouse/snowflake/snowpipe';
import type { ApiContext, ApiHandlers } from './context';
import { openSnowflake, snowpipeTarget } from './snowflake-access';

/** A manifest record as the Sync page lists it, newest first. */
export function landedFile(entry: ManifestEntry): LandedFile {
  const { from, to } = entry.parameters;
  const { outcome } = entry;
  return {
    sha256: entry.sha256,
    name: entry.originalName,
    report: entry.report,
    portal: entry.portal,
    window: from && to ? { from, to } : null,
    downloadedAt: entry.downloadedAt,
    runId: entry.runId,
    outcome: outcome.status,
    rows: outcome.status === 'parsed' ? outcome.rows : null,
    reason: outcome.status === 'quarantined' ? outcome.reason : null,
    message: outcome.status === 'quarantined' ? outcome.message : null,
  };
}

export interface LoadState {
  load: StagedFile['load'];
  loadedAt: string | null;
  loadedRows: number | null;
  error: string | null;
}

const UNKNOWN: LoadState = { load: 'unknown', loadedAt: null, loadedRows: null, error: null };

/** One line per staged key (rows summed over its member files), with what the warehouse says of it. */
export function stagedFiles(
  records: readonly StagedRecord[],
  loads: ReadonlyMap<string, LoadState>,
): StagedFile[] {
  const byKey = new Map<string, StagedFile>();
  for (const record of records) {
    const known = byKey.get(record.key);
    if (known) {
      known.rows += record.rows;
      if (record.stagedAt > known.stagedAt) known.stagedAt = record.stagedAt;
      continue;
    }
    byKey.set(record.key, {
      key: record.key,
      dataset: record.dataset,
      rows: record.rows,
      stagedAt: record.stagedAt,
      ...(loads.get(record.key) ?? UNKNOWN),
    });
  }
  return [...byKey.values()].sort(
    (a, b) => b.stagedAt.localeCompare(a.stagedAt) || a.key.localeCompare(b.key),
  );
}

/** COPY_HISTORY outcomes (Snowpipe) as load states. */
export function snowpipeLoads(outcomes: readonly FileLoadOutcome[]): Map<string, LoadState> {
  return new Map(
    outcomes.map((outcome) => [
      outcome.key,
      { load: outcome.status, loadedAt: null, loadedRows: outcome.rows, error: outcome.firstError },
    ]),
  );
}

export function fileHandlers({ app, warehouse }: ApiContext): ApiHandlers<'files.landed' | 'files.staged'> {
  async function duckdbLoads(): Promise<Map<string, LoadState>> {
    const loaded = await ledger(await warehouse());
    return new Map(
      loaded.map((entry) => [
        entry.stageKey,
        { load: 'loaded', loadedAt: entry.loadedAt, loadedRows: entry.rows, error: null },
      ]),
    );
  }

  async function snowflakeLoads(keys: string[]): Promise<Map<string, LoadState>> {
    const settings = app.settings();
    const target = snowpipeTarget(settings);
    if (typeof target === 'string' || settings.warehouse.kind !== 'snowflake')
      throw new Error(String(target));
    const session = await openSnowflake(app, settings.warehouse);
    try {
      return snowpipeLoads((await snowflakeStatus(session, target, keys)).flatMap((pipe) => pipe.files));
    } finally {
      await session.close();
    }
  }

  return {
    'files.landed': () =>
      [...readManifest(join(app.dataDir.root, 'landing', 'manifest.jsonl')).entries.values()]
        .map(landedFile)
        .sort((a, b) => b.downloadedAt.localeCompare(a.downloadedAt)),
    'files.staged': async () => {
      const records = new StagingLog(join(app.dataDir.root, 'staged.jsonl')).all();
      const kind = app.settings().warehouse.kind;
      if (records.length === 0) return { warehouse: kind, files: [], problem: null };
      try {
        const keys = [...new Set(records.map((record) => record.key))];
        // Pending until the warehouse says otherwise: a staged key missing from the ledger is not loaded yet.
        const loads = kind === 'duckdb' ? await duckdbLoads() : await snowflakeLoads(keys);
        const pending: LoadState = { ...UNKNOWN, load: 'pending' };
        const all = new Map(keys.map((key) => [key, loads.get(key) ?? pending]));
        return { warehouse: kind, files: stagedFiles(records, all), problem: null };
      } catch (error) {
        const problem = app.redactor.scrubText((error as Error).message);
        return { warehouse: kind, files: stagedFiles(records, new Map()), problem };
      }
    },
  };
}
