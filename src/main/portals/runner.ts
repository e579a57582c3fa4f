import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { launchOptions, resolveBrowser } from './browser';
import type { ReportConnector } from './connectors/connector';
import { preiFacturasConnector } from './connectors/prei-facturas';
import { saiAltasConnector } from './connectors/sai-altas';
import { saiOrdersConnector } from './connectors/sai-orders';
import { addDays } from './dates';
import { type ReportJob, runPortal } from './portal-run';
import { ExtractProgress, windowTask } from './progress';
import {
  EXTRACT_SOURCES,
  type ExtractionResult,
  type ExtractionTuning,
  type ExtractOptions,
  type ExtractSource,
  type PortalName,
  type ReportResult,
} from './types';
import { WindowState } from './window-state';
import { mergeAdjacent, planWindows, SKIPPED_REASONS } from './windows';

export const CONNECTORS: Record<ExtractSource, ReportConnector> = {
  sai_altas: saiAltasConnector,
  sai_orders: saiOrdersConnector,
  prei: preiFacturasConnector,
};

/** A display is there to show a captcha window (Windows and macOS always have one). */
function hasDisplay(env: NodeJS.ProcessEnv = process.env): boolean {
  return process.platform !== 'linux' || Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

export const DEFAULT_TUNING: Omit<ExtractionTuning, 'canShowWindow'> = {
  attempts: 4,
  retryBaseMs: 2_000,
  retryMaxMs: 60_000,
  actionTimeoutMs: 60_000,
  exportTimeoutMs: 10 * 60_000,
  // SAI may record a delivery a few days late; PREI shows an invoice up to seven weeks after its date.
  recentDays: { sai_altas: 7, sai_orders: 7, prei: 50 },
  // An open window under 40 days old is checked daily, then every 2 days, 3 days... at least weekly.
  openAgeStepDays: 20,
  openMaxIntervalDays: 7,
};

function emptyResult(source: ExtractSource): ReportResult {
  return {
    source,
    portal: CONNECTORS[source].driver.portal,
    planned: 0,
    extracted: 0,
    skipped: 0,
    failed: 0,
    bisected: 0,
    landed: [],
    failures: [],
  };
}

function configuredSources(options: ExtractOptions): ExtractSource[] {
  const portals = options.settings;
  return EXTRACT_SOURCES.filter((source) => {
    const portal = portals[CONNECTORS[source].driver.portal];
    return portal?.enabled === true;
  });
}

/**
 * Extracts the requested reports from the portals: plans each report's windows (skipping settled
 * ones), drives one browser with one context per portal, serially, lands and verifies every
 * download, and remembers what each window held. Never throws for a portal failure: each failure
 * is in the result, with its evidence in the run folder, and the other portals go on.
 */
export async function extract(options: ExtractOptions): Promise<ExtractionResult> {
  const tuning: ExtractionTuning = {
    ...DEFAULT_TUNING,
    canShowWindow: hasDisplay(),
    ...options.tuning,
    recentDays: { ...DEFAULT_TUNING.recentDays, ...options.tuning?.recentDays },
  };
  const to = options.to ?? options.today;
  const from = options.from ?? options.settings.backfillFrom ?? addDays(to, -365);
  const sources = options.sources ?? configuredSources(options);
  const state = WindowState.load(options.windowsStateFile);
  const progress = new ExtractProgress(options.runId, options.onProgress);
  const logger = options.logger.child({ step: 'extract' });
  const result: ExtractionResult = {
    runId: options.runId,
    ok: true,
    cancelled: false,
    reports: [],
    requests: { sai: 0, prei: 0 },
    httpRequests: { sai: 0, prei: 0 },
  };

  const jobsByPortal = new Map<PortalName, ReportJob[]>();
  for (const source of sources) {
    const connector = CONNECTORS[source];
    const report = emptyResult(source);
    result.reports.push(report);
    const portalSettings = options.settings[connector.driver.portal];
    if (!portalSettings?.url) {
      report.failures.push({
        kind: 'credentials',
        message: `${connector.driver.portal.toUpperCase()} is not configured: set portals.${connector.driver.portal}.url and user in settings`,
        evidence: {},
      });
      continue;
    }
    const plan = planWindows(
      {
        from,
        to,
        windowDays: connector.windowDays(options.settings),
        recentDays: tuning.recentDays[source],
        openAgeStepDays: tuning.openAgeStepDays,
        openMaxIntervalDays: tuning.openMaxIntervalDays,
      },
      state.windows(source),
    );
    const due = plan.filter((w) => options.force || !SKIPPED_REASONS.has(w.reason));
    const windows = connector.bisectsOnCap ? due : mergeAdjacent(due, connector.windowDays(options.settings));
    for (const window of plan.filter((w) => !due.includes(w))) progress.skipped(windowTask(source, window));
    for (const window of windows) progress.planned(windowTask(source, window));
    report.planned = windows.length;
    report.skipped = plan.length - due.length;
    const jobs = jobsByPortal.get(connector.driver.portal) ?? [];
    jobs.push({
      connector,
      windows: windows.map(({ from: f, to: t }) => ({ from: f, to: t })),
      result: report,
    });
    jobsByPortal.set(connector.driver.portal, jobs);
  }

  let browser: Browser | undefined;
  try {
    const browserInfo = resolveBrowser(options.settings.browserPath);
    browser = await chromium.launch(launchOptions(browserInfo, !options.headful));
    for (const [portal, jobs] of jobsByPortal) {
      const driver = jobs[0]?.connector.driver;
      if (result.cancelled || !driver) break;
      const stats = await runPortal(driver, jobs, {
        options,
        tuning,
        browser,
        browserInfo,
        state,
        progress,
        quarantineDir: options.quarantineDir ?? join(options.landing.dataDir, 'quarantine'),
        evidenceDir: join(options.runFolder, 'evidence'),
        logger: logger.child({ portal }),
      });
      result.requests[portal] = stats.requests;
      result.httpRequests[portal] = stats.httpRequests;
      result.cancelled = stats.cancelled;
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    logger.error(message);
    for (const report of result.reports) {
      if (report.extracted + report.failed < report.planned) {
        report.failures.push({ kind: 'internal', message, evidence: {} });
        report.failed = report.planned - report.extracted;
      }
    }
  } finally {
    await browser?.close();
  }
  result.ok = !result.cancelled && result.reports.every((r) => r.failed === 0 && r.failures.length === 0);
  return result;
}
