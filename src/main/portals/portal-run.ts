import type { Browser, BrowserContext } from 'playwright-core';
import type { Logger } from '../log/logger';
import { type Vault, vaultKeys } from '../secrets/vault';
import { withRetry } from '../util/retry';
import { type ResolvedBrowser, skipFavicons } from './browser';
import type { Credentials, PortalDriver, PortalSession, ReportConnector } from './connectors/connector';
import { isRetryable, PortalError } from './errors';
import { capturePage, type Evidence, WindowTrace } from './evidence';
import { landAndVerify } from './land';
import { Pacer } from './pacer';
import { type ExtractProgress, windowTask } from './progress';
import { loadSession } from './session-store';
import { ensureSignedIn } from './sign-in';
import type { ExtractionFailure, ExtractionTuning, ExtractOptions, PortalName, ReportResult } from './types';
import type { WindowState } from './window-state';
import { bisect, type DateWindow } from './windows';

/** One report's share of a portal run: the windows to extract and where the outcome goes. */
export interface ReportJob {
  connector: ReportConnector;
  windows: DateWindow[];
  result: ReportResult;
}

export interface PortalRunDeps {
  options: ExtractOptions;
  tuning: ExtractionTuning;
  browser: Browser;
  browserInfo: ResolvedBrowser;
  state: WindowState;
  progress: ExtractProgress;
  quarantineDir: string;
  evidenceDir: string;
  logger: Logger;
}

export interface PortalRunStats {
  requests: number;
  httpRequests: number;
  cancelled: boolean;
}

const describe = (error: unknown): { kind: ExtractionFailure['kind']; message: string } =>
  error instanceof PortalError
    ? { kind: error.kind, message: error.message }
    : { kind: 'internal', message: error instanceof Error ? error.message : String(error) };

async function readCredentials(
  portal: PortalName,
  user: string | undefined,
  vault: Vault,
): Promise<Credentials> {
  const password = await vault.get(vaultKeys.password(portal));
  if (!user || !password) {
    throw new PortalError(
      'credentials',
      portal,
      `no ${user ? 'password' : 'user'} is set: ${user ? '' : `set portals.${portal}.user in settings and `}` +
        `store the password with \`puente credentials set ${portal}\``,
    );
  }
  return { user, password };
}

/**
 * Runs one portal: one browser context, serial and paced; signs in (reusing the stored session),
 * then extracts each report's windows with retries, bisection, verification and evidence.
 */
export async function runPortal(
  driver: PortalDriver,
  jobs: ReportJob[],
  deps: PortalRunDeps,
): Promise<PortalRunStats> {
  const { options, tuning, logger } = deps;
  const portal = driver.portal;
  const settings = options.settings;
  const baseUrl = settings[portal]?.url ?? '';
  const pacer = new Pacer(settings.pacingMs, settings.maxRequestsPerMinute);
  let httpRequests = 0;
  const context: BrowserContext = await deps.browser.newContext({
    acceptDownloads: true,
    storageState: await loadSession(options.vault, options.redactor, portal),
  });
  const origin = new URL(baseUrl).origin;
  context.on('request', (request) => {
    if (request.url().startsWith(origin)) httpRequests += 1;
  });
  const page = await context.newPage();
  await skipFavicons(context, page);
  page.setDefaultTimeout(tuning.actionTimeoutMs);
  const session: PortalSession = {
    page,
    pacer,
    baseUrl,
    actionTimeoutMs: tuning.actionTimeoutMs,
    exportTimeoutMs: tuning.exportTimeoutMs,
  };
  const trace = new WindowTrace(context, deps.evidenceDir, options.redactor);
  const retry = {
    retryable: isRetryable,
    attempts: tuning.attempts,
    baseMs: tuning.retryBaseMs,
    maxMs: tuning.retryMaxMs,
    onRetry: (attempt: number, delayMs: number, error: unknown) =>
      logger.warn(`retrying (attempt ${attempt + 1} of ${tuning.attempts}) in ${delayMs} ms`, {
        error: describe(error).message,
      }),
  };
  const evidence = async (label: string, traced: boolean): Promise<Evidence> => {
    const captured = await capturePage(page, deps.evidenceDir, label, options.redactor);
    const tracePath = traced ? await trace.end(true, label) : undefined;
    return tracePath ? { ...captured, trace: tracePath } : captured;
  };
  const failAll = (error: unknown, found: Evidence, from: number) => {
    const { kind, message } = describe(error);
    logger.error(message, { kind });
    for (const job of jobs.slice(from)) {
      job.result.failures.push({ kind, message, evidence: found });
      for (const window of job.windows.splice(0)) {
        job.result.failed += 1;
        deps.progress.finished(windowTask(job.connector.source, window), 'failed', { message });
      }
    }
  };

  const signIn = (credentials: Credentials, landing?: string) =>
    ensureSignedIn(
      {
        driver,
        session,
        context,
        credentials,
        trace,
        vault: options.vault,
        redactor: options.redactor,
        logger,
        browser: deps.browserInfo,
        headful: options.headful ?? false,
        canShowWindow: tuning.canShowWindow,
        captchaTimeoutMs: options.captchaTimeoutMs ?? 5 * 60_000,
        onCaptcha: options.onCaptcha,
      },
      landing,
    );

  try {
    let credentials: Credentials;
    // A stored session still valid is checked on the first report's page: no home page to load first.
    const first = jobs.find((job) => job.windows.length > 0);
    let onFirstReport: boolean;
    try {
      credentials = await readCredentials(portal, settings[portal]?.user, options.vault);
      onFirstReport = await withRetry(() => signIn(credentials, first?.connector.path), retry);
    } catch (error) {
      failAll(error, await evidence(`${portal}-sign-in`, false), 0);
      return { requests: pacer.requestsMade, httpRequests, cancelled: false };
    }

    for (const [index, job] of jobs.entries()) {
      const { connector, result } = job;
      let onReport = job === first && onFirstReport;
      while (job.windows.length > 0) {
        if (options.signal?.aborted) return { requests: pacer.requestsMade, httpRequests, cancelled: true };
        const window = job.windows.shift() as DateWindow;
        const task = windowTask(connector.source, window);
        const label = `${connector.source}_${window.from}_${window.to}`;
        deps.progress.running(task);
        await trace.begin();
        try {
          const answer = await withRetry(async (attempt) => {
            if (attempt > 0 || !onReport) {
              if (attempt > 0) await signIn(credentials);
              await connector.open(session);
              onReport = true;
            }
            return connector.extract(session, window);
          }, retry);
          if (answer.kind === 'too-many') {
            const halves = connector.bisectsOnCap ? bisect(window) : undefined;
            if (!halves) {
              throw new PortalError(
                'verification',
                portal,
                `${window.from} alone has more results than the portal returns; this day cannot be extracted by date`,
              );
            }
            await trace.end(false, label);
            job.windows.unshift(...halves);
            result.planned += 1;
            result.bisected += 1;
            deps.progress.finished(task, 'done', { message: 'over the portal cap: split in two' });
            for (const half of halves) deps.progress.planned(windowTask(connector.source, half));
            continue;
          }
          if (answer.kind === 'empty') {
            await trace.end(false, label);
            await deps.state.record(connector.source, {
              ...window,
              extractedAt: new Date().toISOString(),
              rows: 0,
              openRows: 0,
            });
            result.extracted += 1;
            deps.progress.finished(task, 'done', { rows: 0 });
            continue;
          }
          const landed = await landAndVerify({
            store: options.landing,
            quarantineDir: deps.quarantineDir,
            connector,
            window,
            download: answer.download,
            query: { ...connector.verification(window, settings), expectedRows: answer.shownRows },
            parameters: {
              from: window.from,
              to: window.to,
              shownRows: String(answer.shownRows),
              // The day the portal was read: the staged files' partition and every row's snapshot_date.
              snapshotDate: options.today,
              ...(portal === 'prei' && settings.prei?.supplierNumber
                ? { supplierNumber: settings.prei.supplierNumber }
                : {}),
            },
            snapshotDate: options.today,
            runId: options.runId,
          });
          const { openRows, ...download } = landed;
          result.landed.push(download);
          if (landed.quarantined) {
            throw new PortalError(
              'verification',
              portal,
              `${landed.originalName}: ${landed.quarantined.message}`,
            );
          }
          await trace.end(false, label);
          await deps.state.record(connector.source, {
            ...window,
            extractedAt: new Date().toISOString(),
            readOn: options.today,
            rows: landed.rows,
            openRows,
          });
          result.extracted += 1;
          deps.progress.finished(task, 'done', { rows: landed.rows });
        } catch (error) {
          const { kind, message } = describe(error);
          logger.error(`${task} failed: ${message}`, { kind });
          result.failed += 1;
          result.failures.push({ window, kind, message, evidence: await evidence(label, true) });
          deps.progress.finished(task, 'failed', { message });
          onReport = false;
          // Refused credentials or an unsolved captcha stop the portal: never try the account again.
          if (kind === 'credentials' || kind === 'human') {
            failAll(error, {}, index);
            break;
          }
        }
      }
    }
    return { requests: pacer.requestsMade, httpRequests, cancelled: false };
  } finally {
    await trace.pause();
    await context.close();
  }
}
