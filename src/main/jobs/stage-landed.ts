import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseLandedFile } from '../ingest/landed';
import type { ParseQuery } from '../ingest/parse';
import type { ManifestEntry } from '../landing/manifest';
import type { LandingStore } from '../landing/store';
import type { Stage } from '../stage/stage';
import { stageKey } from '../stage/stage-key';
import { writeStagedFile } from '../stage/staged-file';
import type { StagingLog } from './staging-log';

export interface StageLandedDeps {
  landing: LandingStore;
  stage: Stage;
  log: StagingLog;
  quarantineDir: string;
  runId: string;
  onFile?: (entry: ManifestEntry, outcome: StageFileOutcome) => void;
}

export type StageFileOutcome =
  | { status: 'staged'; keys: string[]; rows: number }
  | { status: 'quarantined'; reason: string; message: string };

/** The date the portal was read: recorded by the extractor, else the download day. */
export function snapshotDateOf(entry: ManifestEntry): string {
  return entry.parameters.snapshotDate ?? entry.downloadedAt.slice(0, 10);
}

/** What the file was asked to hold, from the parameters the extractor recorded, for verification. */
function queryOf(entry: ManifestEntry): ParseQuery {
  const { from, to, supplierNumber, expectedRows } = entry.parameters;
  return { from, to, supplierNumber, expectedRows: expectedRows ? Number(expectedRows) : undefined };
}

/** Landed files still to stage: not quarantined, and not yet in the staging log. */
export function pendingLanded(landing: LandingStore, log: StagingLog): ManifestEntry[] {
  return landing
    .list()
    .filter((entry) => entry.outcome.status !== 'quarantined' && !log.hasSource(entry.sha256))
    .sort((a, b) => (a.downloadedAt < b.downloadedAt ? -1 : 1));
}

/**
 * Parses one landed file and stages each dataset it yields as Parquet under a key derived from the
 * landed file (its snapshot date, the run that landed it, its hash), so staging again after a crash
 * writes the same key with the same bytes. A file that does not parse goes to quarantine.
 */
export async function stageLandedFile(
  deps: StageLandedDeps,
  entry: ManifestEntry,
): Promise<StageFileOutcome> {
  const snapshotDate = snapshotDateOf(entry);
  const outcome = await parseLandedFile(deps.landing, entry.sha256, {
    snapshotDate,
    query: queryOf(entry),
    quarantineDir: deps.quarantineDir,
    runId: deps.runId,
  });
  if (!outcome.ok)
    return { status: 'quarantined', reason: outcome.failure.reason, message: outcome.failure.message };
  const scratch = await mkdtemp(join(tmpdir(), 'puente-staging-'));
  try {
    const keys: string[] = [];
    for (const batch of outcome.batches) {
      const staged = await writeStagedFile(batch, scratch);
      const key = stageKey({
        dataset: batch.dataset,
        date: snapshotDate,
        runId: entry.runId,
        srcSha256: entry.sha256,
      });
      await deps.stage.put(staged.path, key);
      await deps.log.add({
        srcSha256: entry.sha256,
        dataset: batch.dataset,
        key,
        rows: staged.rows,
        stagedAt: new Date().toISOString(),
      });
      keys.push(key);
    }
    return { status: 'staged', keys, rows: outcome.rows };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Stages every pending landed file; one file's failure never stops the others. */
export async function stagePending(deps: StageLandedDeps): Promise<Map<string, StageFileOutcome>> {
  const results = new Map<string, StageFileOutcome>();
  for (const entry of pendingLanded(deps.landing, deps.log)) {
    const outcome = await stageLandedFile(deps, entry);
    results.set(entry.sha256, outcome);
    deps.onFile?.(entry, outcome);
  }
  return results;
}
