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

export type PlannedWindow = DateWindow & { reason: 'never extracted' | 'recent' | 'open rows' };

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
 * The windows to extract now. Remembered windows (including the finer ones a bisection left behind)
 * replace the default grid where they cover it; a remembered window is skipped when it is settled:
 * extracted before, not recent, and with no row that can still change.
 */
export function planWindows(options: PlanOptions, remembered: readonly WindowRecord[]): PlannedWindow[] {
  const known = [...remembered].filter((w) => w.to >= options.from && w.from <= options.to);
  const recentFrom = addDays(options.to, -options.recentDays);
  const plan: PlannedWindow[] = [];
  for (const window of splitRange(options.from, options.to, options.windowDays)) {
    const inside = known
      .filter((w) => w.from >= window.from && w.to <= window.to)
      .sort((a, b) => (a.from < b.from ? -1 : 1));
    const covered = coversExactly(window, inside);
    const pieces: Array<DateWindow & Partial<WindowRecord>> = covered ? inside : [window];
    for (const piece of pieces) {
      const record = covered ? (piece as WindowRecord) : undefined;
      if (!record) plan.push({ from: piece.from, to: piece.to, reason: 'never extracted' });
      else if (record.to >= recentFrom) plan.push({ from: piece.from, to: piece.to, reason: 'recent' });
      else if (record.openRows > 0) plan.push({ from: piece.from, to: piece.to, reason: 'open rows' });
    }
  }
  return plan;
}

/** True when `pieces` (sorted) tile `window` with no gap and no overlap. */
function coversExactly(window: DateWindow, pieces: readonly DateWindow[]): boolean {
  if (pieces.length === 0) return false;
  let next = window.from;
  for (const piece of pieces) {
    if (piece.from !== next) return false;
    next = addDays(piece.to, 1);
  }
  return next === addDays(window.to, 1);
}
