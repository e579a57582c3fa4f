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
}

export interface PlanOptions {
  /** First day of the backfill. */
  from: IsoDate;
  /** Last day to extract (usually today). */
  to: IsoDate;
  windowDays: number;
  /** Windows ending within this many days of `to` are always re-extracted: the portal may still add rows. */
  recentDays: number;
}

export type PlanReason = 'never extracted' | 'recent' | 'open rows' | 'settled';

/** A window of the plan; 'settled' ones are known and can no longer change, so they are skipped. */
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
    return record.openRows > 0 ? 'open rows' : 'settled';
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
