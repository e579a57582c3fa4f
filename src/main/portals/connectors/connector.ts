import type { Download, Page } from 'playwright-core';
import type { CanonicalBatch } from '../../ingest/datasets';
import type { ParseQuery } from '../../ingest/parse';
import type { ReportKind } from '../../ingest/reports';
import type { PortalsSettings } from '../../settings/schema';
import type { Pacer } from '../pacer';
import type { ExtractSource, PortalName } from '../types';
import type { DateWindow } from '../windows';

/** What a connector is given to drive one portal page. */
export interface PortalSession {
  page: Page;
  /** Awaited before every action that reaches the portal (page load, query, download). */
  pacer: Pacer;
  baseUrl: string;
  actionTimeoutMs: number;
  exportTimeoutMs: number;
}

export interface Credentials {
  user: string;
  password: string;
}

/**
 * Asks a person to solve a captcha shown on `page`; `solved` resolves once the page shows it solved.
 * Rejects with a 'human' PortalError when nobody did in time.
 */
export type AskPerson = (page: Page, solved: (timeoutMs: number) => Promise<void>) => Promise<void>;

/** Signing in to one portal; all of that portal's knowledge about sign-in lives in its driver. */
export interface PortalDriver {
  portal: PortalName;
  /** Loads `path` (default: the portal's home); true when the stored session is still signed in. */
  isSignedIn(session: PortalSession, path?: string): Promise<boolean>;
  /** Signs in from the login page; throws a 'credentials' PortalError on refusal (never retried). */
  signIn(session: PortalSession, credentials: Credentials, askPerson: AskPerson): Promise<void>;
}

/** The portal's answer to one window. */
export type WindowAnswer =
  | { kind: 'file'; download: Download; shownRows: number }
  | { kind: 'empty' }
  | { kind: 'too-many' };

/** One report of one portal: how to reach it, query a window, and judge its rows. */
export interface ReportConnector {
  source: ExtractSource;
  driver: PortalDriver;
  report: ReportKind;
  windowDays(settings: PortalsSettings): number;
  /** The report's page: a run whose stored session is still valid starts there, not at the home. */
  path: string;
  /** PREI refuses windows over its cap: those are bisected. */
  bisectsOnCap: boolean;
  /** Goes from the signed-in home to the report's page. */
  open(session: PortalSession): Promise<void>;
  /** Queries one window and, when it has rows, downloads its file (the waiter set before the click). */
  extract(session: PortalSession, window: DateWindow): Promise<WindowAnswer>;
  /** What the downloaded file must state, checked by the parser. */
  verification(window: DateWindow, settings: PortalsSettings): ParseQuery;
  /** Rows that can still change, so that their window is extracted again next time. */
  openRows(batch: CanonicalBatch): number;
}
