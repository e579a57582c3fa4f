import { addDays, daysBetween, type IsoDate, minDate } from './dates';

/** A closed date range [from, to] that one portal query covers. */
export interface DateWindow {
  from: IsoDate;
  to: IsoDate;
}

/** What the last extraction of a window found, remembered between runs. */
export interface WindowRecord extends DateWindow {
  extractedAt: string;
  rows: number;
  /** Rows that can still change (PREI: not yet paid; SAI orders: not delivered or cancelled). */
  openRows: number;
  /** The snapshot date of that extraction (older state files lack it: treated as long ago). */
  readOn?: IsoDate;
}

export interface PlanOptions {
  /** First day of the backfill. */
  from: IsoDate;
  /** Last day to extract (usually today). */
  to: IsoDate;
  windowDays: number;
  /** Windows ending within this many days of `to` are always re-extracted: the portal may still add rows. */
  recentDays: number;
  /**
   * Older windows with open rows are checked again every `age / openAgeStepDays` days (at least
   * daily, at most every `openMaxIntervalDays`): rows stuck for months rarely move, so they are not
   * read daily. Omit both to check every open window on every run.
   */
  openAgeStepDays?: number;
  openMaxIntervalDays?: number;
}

export type PlanReason = 'never extracted' | 'recent' | 'open rows' | 'settled' | 'checked lately';

/** Reasons of windows that are not extracted this time. */
export const SKIPPED_REASONS: ReadonlySet<PlanReason> = new Set(['settled', 'checked lately']);

/** Days between two checks of an open window whose last day is `age` days old. */
export function openCheckInterval(age: number, options: PlanOptions): number {
  if (!options.openAgeStepDays) return 1;
  return Math.max(1, Math.min(options.openMaxIntervalDays ?? 7, Math.floor(age / options.openAgeStepDays)));
}

/** A window of the plan; settled ones and open ones checked lately are skipped. */
export type PlannedWindow = DateWindow & { reason: PlanReason };

/** Cuts [from, to] into consecutive windows of at most `days` days. */
export function splitRange(from: IsoDate, to: IsoDate, days: number): DateWindow[] {
  const windows: DateWindow[] = [];
  for (let start = from; start <= to; start = addDays(start, days)) {
    windows.push({ from: start, to: minDate(addDays(start, days - 1), to) });
  }
  return windows;
}

/** Halves a window (for PREI's 100-result cap); a one-day window cannot be split. */
export function bisect(window: DateWindow): [DateWindow, DateWindow] | undefined {
  const span = daysBetween(window.from, window.to);
  if (span < 1) return undefined;
  const middle = addDays(window.from, Math.floor(span / 2));
  return [
    { from: window.from, to: middle },
    { from: addDays(middle, 1), to: window.to },
  ];
}

/**
 * Every window of [from, to] and whether it must be extracted now. Remembered windows (including the
 * finer ones a bisection left behind) replace the default grid where they fall inside it, and the
 * gaps between them are planned as new windows. A remembered window is settled (skipped) when it is
 * not recent and holds no row that can still change.
 */
export function planWindows(options: PlanOptions, remembered: readonly WindowRecord[]): PlannedWindow[] {
  const known = [...remembered]
    .filter((w) => w.to >= options.from && w.from <= options.to)
    .sort((a, b) => (a.from < b.from ? -1 : 1));
  const recentFrom = addDays(options.to, -options.recentDays);
  const reasonFor = (record: WindowRecord): PlanReason => {
    if (record.to >= recentFrom) return 'recent';
    if (record.openRows === 0) return 'settled';
    const sinceRead = record.readOn ? daysBetween(record.readOn, options.to) : Number.POSITIVE_INFINITY;
    return sinceRead >= openCheckInterval(daysBetween(record.to, options.to), options)
      ? 'open rows'
      : 'checked lately';
  };
  const plan: PlannedWindow[] = [];
  for (const window of splitRange(options.from, options.to, options.windowDays)) {
    let next = window.from;
    for (const record of known) {
      if (record.from < next || record.to > window.to) continue;
      if (record.from > next)
        plan.push({ from: next, to: addDays(record.from, -1), reason: 'never extracted' });
      plan.push({ from: record.from, to: record.to, reason: reasonFor(record) });
      next = addDays(record.to, 1);
    }
    if (next <= window.to) plan.push({ from: next, to: window.to, reason: 'never extracted' });
  }
  return plan;
}

/**
 * Joins planned windows that touch into one, up to `maxDays` each: for portals with no result cap,
 * one query instead of two (e.g. a recent window and the new day after it).
 */
export function mergeAdjacent(windows: readonly DateWindow[], maxDays: number): DateWindow[] {
  const merged: DateWindow[] = [];
  for (const window of windows) {
    const last = merged.at(-1);
    if (last && addDays(last.to, 1) === window.from && daysBetween(last.from, window.to) < maxDays) {
      merged[merged.length - 1] = { from: last.from, to: window.to };
    } else merged.push({ from: window.from, to: window.to });
  }
  return merged;
}
