import type { Page } from 'playwright-core';
import type { ProgressEvent } from '../../shared/progress';
import type { LandingStore } from '../landing/store';
import type { Logger } from '../log/logger';
import type { Redactor } from '../log/redact';
import type { Vault } from '../secrets/vault';
import type { PortalsSettings } from '../settings/schema';
import type { IsoDate } from './dates';
import type { PortalFailureKind } from './errors';
import type { Evidence } from './evidence';
import type { DateWindow } from './windows';

/** The reports the runner can extract; each has one connector. */
export const EXTRACT_SOURCES = ['sai_altas', 'sai_orders', 'prei'] as const;
export type ExtractSource = (typeof EXTRACT_SOURCES)[number];
export type PortalName = 'sai' | 'prei';

/** What the app or the CLI is told when a person must solve a captcha. */
export interface CaptchaRequest {
  portal: PortalName;
  /** The page showing the captcha (a visible window when one could be opened). */
  page: Page;
  /** True when the page is in a window a person can see. */
  visible: boolean;
  timeoutMs: number;
  /** A sentence for the person: where to look and what to do. */
  message: string;
  /** Settles when the captcha was solved or the wait is over, so a prompt can close itself. */
  settled: Promise<'solved' | 'timeout'>;
}

/** Knobs with production defaults; tests and the benchmark shorten them. */
export interface ExtractionTuning {
  /** Attempts per window for transient failures (first try included). */
  attempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** Longest wait for one page action or portal answer. */
  actionTimeoutMs: number;
  /** Longest wait for SAI to generate an export ("Exportar" disabled meanwhile). */
  exportTimeoutMs: number;
  /** Windows ending this close to `to` are always re-extracted, per report. */
  recentDays: Record<ExtractSource, number>;
  /** Open windows are re-checked less often as they age (see PlanOptions); 0 checks them every run. */
  openAgeStepDays: number;
  openMaxIntervalDays: number;
  /** Whether a visible browser window can be opened for a captcha (default: a display is present). */
  canShowWindow: boolean;
}

export interface ExtractOptions {
  settings: PortalsSettings;
  vault: Vault;
  redactor: Redactor;
  logger: Logger;
  landing: LandingStore;
  /** Where files failing verification are set aside; defaults to <data dir>/quarantine. */
  quarantineDir?: string;
  runId: string;
  /** The run's folder (data dir runs/<runId>/): failure evidence goes to its evidence/ folder. */
  runFolder: string;
  /** Remembered windows per report (data dir portals/windows.json). */
  windowsStateFile: string;
  /** Defaults to every enabled, configured portal's reports. */
  sources?: ExtractSource[];
  /** First day to plan from; defaults to settings.backfillFrom, else one year before `to`. */
  from?: IsoDate;
  /** Last day to plan; defaults to `today`. */
  to?: IsoDate;
  /** The snapshot date: the day the portals are read. */
  today: IsoDate;
  /** Re-extract every window in range, settled or not. */
  force?: boolean;
  headful?: boolean;
  onProgress?: (event: ProgressEvent) => void;
  onCaptcha?: (request: CaptchaRequest) => Promise<void> | void;
  /** How long a person has to solve a captcha (default 5 minutes). */
  captchaTimeoutMs?: number;
  signal?: AbortSignal;
  tuning?: Partial<ExtractionTuning>;
}

export interface LandedDownload {
  window: DateWindow;
  sha256: string;
  /** Relative to the data dir. */
  path: string;
  isNew: boolean;
  rows: number;
  originalName: string;
  /** Set when the file failed verification: it is landed and quarantined. */
  quarantined?: { reason: string; message: string };
}

export interface ExtractionFailure {
  /** Missing when the whole portal failed (sign-in, browser). */
  window?: DateWindow;
  kind: PortalFailureKind | 'internal';
  message: string;
  evidence: Evidence;
}

export interface ReportResult {
  source: ExtractSource;
  portal: PortalName;
  /** Windows that had to be extracted (bisection pieces included). */
  planned: number;
  extracted: number;
  /** Settled windows, not extracted. */
  skipped: number;
  failed: number;
  /** PREI windows split because the portal refused more than its cap. */
  bisected: number;
  landed: LandedDownload[];
  failures: ExtractionFailure[];
}

export interface ExtractionResult {
  runId: string;
  ok: boolean;
  cancelled: boolean;
  reports: ReportResult[];
  /** Portal actions made (page loads, queries, downloads), per portal: what pacing counts. */
  requests: Record<PortalName, number>;
  /** HTTP requests the browser sent to each portal (page resources and polling included). */
  httpRequests: Record<PortalName, number>;
}
