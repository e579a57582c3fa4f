import type { Download } from 'playwright-core';
import { parseLanded } from '../ingest/landed';
import type { ParseQuery } from '../ingest/parse';
import { quarantineFile } from '../landing/quarantine';
import type { LandingStore } from '../landing/store';
import type { ReportConnector } from './connectors/connector';
import { PortalError } from './errors';
import type { LandedDownload } from './types';
import type { DateWindow } from './windows';

export interface LandRequest {
  store: LandingStore;
  quarantineDir: string;
  connector: ReportConnector;
  window: DateWindow;
  download: Download;
  query: ParseQuery;
  parameters: Record<string, string>;
  snapshotDate: string;
  runId: string;
}

export interface Landed extends LandedDownload {
  /** Rows that can still change (see ReportConnector.openRows); 0 when quarantined. */
  openRows: number;
}

/**
 * Lands a download (always: raw files are never lost) and verifies it with the report's parser:
 * readable, the expected header, the row count the page showed and, for PREI, the range and supplier
 * the preamble states. A file that fails is quarantined with its reason.
 */
export async function landAndVerify(request: LandRequest): Promise<Landed> {
  const { store, download, connector, window } = request;
  const failure = await download.failure();
  if (failure) throw new PortalError('transient', connector.driver.portal, `the download failed: ${failure}`);
  const originalName = download.suggestedFilename();
  const put = await store.put(await download.path(), {
    portal: connector.driver.portal,
    report: connector.report,
    parameters: request.parameters,
    downloadedAt: new Date().toISOString(),
    originalName,
    runId: request.runId,
  });
  const base = { window, sha256: put.sha256, path: put.path, isNew: put.isNew, originalName };
  const outcome = await parseLanded(store, put.entry, {
    snapshotDate: request.snapshotDate,
    query: request.query,
    quarantineDir: request.quarantineDir,
  });
  if (outcome.ok) {
    const batch = outcome.batches[0];
    return { ...base, rows: outcome.rows, openRows: batch ? connector.openRows(batch) : 0 };
  }
  const { reason, message } = outcome.failure;
  await quarantineFile(request.quarantineDir, {
    file: store.absolutePath(put.entry),
    failure: outcome.failure,
    sha256: put.sha256,
    originalName,
    runId: request.runId,
  });
  await store.recordOutcome(put.sha256, { status: 'quarantined', reason, message });
  return { ...base, rows: 0, openRows: 0, quarantined: { reason, message } };
}
