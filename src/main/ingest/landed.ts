import type { ManifestEntry } from '../landing/manifest';
import { quarantineFile } from '../landing/quarantine';
import type { LandingStore } from '../landing/store';
import { type ParseOutcome, type ParseRequest, parseRawFile } from './parse';

export interface LandedParseOptions
  extends Pick<ParseRequest, 'snapshotDate' | 'query' | 'paq' | 'maxBytes'> {
  /** Where failed files are set aside (the data dir's quarantine/). */
  quarantineDir: string;
  runId?: string;
}

/** Parses a landed file as its manifest entry describes it; records nothing. */
export function parseLanded(
  store: LandingStore,
  entry: ManifestEntry,
  options: LandedParseOptions,
): Promise<ParseOutcome> {
  return parseRawFile({
    path: store.absolutePath(entry),
    report: entry.report,
    snapshotDate: options.snapshotDate,
    srcFile: entry.path,
    fileName: entry.originalName,
    query: options.query,
    paq: options.paq,
    maxBytes: options.maxBytes,
  });
}

/**
 * Parses a landed file, records the outcome in the manifest and, on failure, quarantines the file with
 * its reason. The rest of a run goes on whatever this file held.
 */
export async function parseLandedFile(
  store: LandingStore,
  sha256: string,
  options: LandedParseOptions,
): Promise<ParseOutcome> {
  const entry = store.get(sha256);
  if (!entry) throw new Error(`No landed file has sha256 ${sha256}`);
  const outcome = await parseLanded(store, entry, options);
  if (outcome.ok) {
    const extraColumns = [...new Set(outcome.batches.flatMap((batch) => batch.extraColumns))];
    await store.recordOutcome(sha256, {
      status: 'parsed',
      rows: outcome.rows,
      ...(extraColumns.length ? { extraColumns } : {}),
    });
    return outcome;
  }
  const { reason, message } = outcome.failure;
  await quarantineFile(options.quarantineDir, {
    file: store.absolutePath(entry),
    failure: outcome.failure,
    sha256,
    originalName: entry.originalName,
    runId: options.runId,
  });
  await store.recordOutcome(sha256, { status: 'quarantined', reason, message });
  return outcome;
}
