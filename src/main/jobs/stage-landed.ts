import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CanonicalBatch, DatasetName } from '../ingest/datasets';
import { parseLandedFile } from '../ingest/landed';
import type { ParseQuery } from '../ingest/parse';
import type { ReportKind } from '../ingest/reports';
import type { ManifestEntry } from '../landing/manifest';
import type { LandingStore } from '../landing/store';
import type { Stage } from '../stage/stage';
import { stageKey } from '../stage/stage-key';
import { writeStagedFile } from '../stage/staged-file';
import type { StagedRecord, StagingLog } from './staging-log';

/** The datasets each report yields. */
const REPORT_DATASETS: Record<ReportKind, DatasetName[]> = {
  sai_altas: ['sai_altas'],
  sai_orders: ['sai_orders'],
  prei_facturas_cr: ['prei_invoices'],
  cfdi: ['cfdi_invoices', 'cfdi_concepts'],
  paq: ['paq_links'],
};

/**
 * Rows per staged file. Small raw files (one CFDI per invoice, one PREI window) are merged so that
 * thousands of them stage and load as a few files; large ones are cut so a file stays a few MB.
 */
export const ROWS_PER_STAGED_FILE = 200_000;

export interface StageLandedDeps {
  landing: LandingStore;
  stage: Stage;
  log: StagingLog;
  quarantineDir: string;
  runId: string;
  onFile?: (entry: ManifestEntry, outcome: StageFileOutcome, done: number, total: number) => void;
}

export type StageFileOutcome =
  | { status: 'parsed'; rows: number; extraColumns: string[] }
  | { status: 'quarantined'; reason: string; message: string };

export interface StagingSummary {
  files: Map<string, StageFileOutcome>;
  keys: string[];
}

/** The date the portal was read: recorded by the extractor, else the download day. */
export function snapshotDateOf(entry: ManifestEntry): string {
  return entry.parameters.snapshotDate ?? entry.downloadedAt.slice(0, 10);
}

/** What the file was asked to hold, from the parameters the extractor recorded, for verification. */
function queryOf(entry: ManifestEntry): ParseQuery {
  const { from, to, supplierNumber, expectedRows } = entry.parameters;
  return { from, to, supplierNumber, expectedRows: expectedRows ? Number(expectedRows) : undefined };
}

/** Landed files with at least one dataset not yet staged, and not quarantined; oldest first. */
export function pendingLanded(entries: readonly ManifestEntry[], log: StagingLog): ManifestEntry[] {
  return entries
    .filter(
      (entry) =>
        entry.outcome.status !== 'quarantined' &&
        REPORT_DATASETS[entry.report].some((dataset) => !log.has(entry.sha256, dataset)),
    )
    .sort((a, b) => (a.downloadedAt < b.downloadedAt ? -1 : 1));
}

/** Rows of one dataset and one snapshot date, from several landed files, waiting to be staged together. */
class Group {
  readonly rows: CanonicalBatch['rows'] = [];
  readonly members: Array<{ sha256: string; rows: number }> = [];

  constructor(
    readonly dataset: DatasetName,
    readonly snapshotDate: string,
    readonly firstRunId: string,
  ) {}

  add(batch: CanonicalBatch): void {
    for (const row of batch.rows) this.rows.push({ ...row, srcFile: batch.srcFile });
    this.members.push({ sha256: batch.srcSha256, rows: batch.rows.length });
  }

  /** An id derived from the member files only, so staging the same files again gives the same key. */
  contentId(): string {
    const hash = createHash('sha256');
    for (const member of [...this.members].sort((a, b) => (a.sha256 < b.sha256 ? -1 : 1)))
      hash.update(member.sha256);
    return hash.digest('hex');
  }

  key(): string {
    return stageKey({
      dataset: this.dataset,
      date: this.snapshotDate,
      runId: this.firstRunId,
      srcSha256: this.contentId(),
    });
  }
}

/**
 * Parses every pending landed file (quarantining those that fail), merges their rows per dataset and
 * snapshot date into staged Parquet files, puts them on the stage and logs each (file, dataset).
 * One file's failure never stops the others.
 */
export async function stagePending(deps: StageLandedDeps): Promise<StagingSummary> {
  const pending = pendingLanded(deps.landing.list(), deps.log);
  const files = new Map<string, StageFileOutcome>();
  const keys: string[] = [];
  const groups = new Map<string, Group>();
  const scratch = await mkdtemp(join(tmpdir(), 'puente-staging-'));

  const flush = async (group: Group) => {
    groups.delete(`${group.dataset}/${group.snapshotDate}`);
    const staged = await writeStagedFile(
      {
        dataset: group.dataset,
        srcFile: '',
        srcSha256: group.contentId(),
        rows: group.rows,
        extraColumns: [],
      },
      scratch,
    );
    const key = group.key();
    await deps.stage.put(staged.path, key);
    await rm(staged.path, { force: true });
    const stagedAt = new Date().toISOString();
    const records: StagedRecord[] = group.members.map((member) => ({
      srcSha256: member.sha256,
      dataset: group.dataset,
      key,
      rows: member.rows,
      stagedAt,
    }));
    await deps.log.add(records);
    keys.push(key);
  };

  try {
    for (const [index, entry] of pending.entries()) {
      const snapshotDate = snapshotDateOf(entry);
      const outcome = await parseLandedFile(deps.landing, entry.sha256, {
        snapshotDate,
        query: queryOf(entry),
        paq: entry.parameters.sheet ? { sheet: entry.parameters.sheet } : undefined,
        quarantineDir: deps.quarantineDir,
        runId: deps.runId,
      });
      const result: StageFileOutcome = outcome.ok
        ? {
            status: 'parsed',
            rows: outcome.rows,
            extraColumns: [...new Set(outcome.batches.flatMap((batch) => batch.extraColumns))],
          }
        : { status: 'quarantined', reason: outcome.failure.reason, message: outcome.failure.message };
      files.set(entry.sha256, result);
      deps.onFile?.(entry, result, index + 1, pending.length);
      if (!outcome.ok) continue;
      for (const batch of outcome.batches) {
        if (deps.log.has(entry.sha256, batch.dataset)) continue;
        const id = `${batch.dataset}/${snapshotDate}`;
        let group = groups.get(id);
        if (group && group.rows.length + batch.rows.length > ROWS_PER_STAGED_FILE) {
          await flush(group);
          group = undefined;
        }
        if (!group) {
          group = new Group(batch.dataset, snapshotDate, entry.runId);
          groups.set(id, group);
        }
        group.add(batch);
      }
    }
    for (const group of [...groups.values()]) await flush(group);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return { files, keys };
}
