/**
 * Days are integers counted from 1970-01-01 (UTC calendar, no zones): cheap to compare, to store
 * by the million and to step through. Times of day are seconds after midnight, portal local time.
 */
export type Day = number;

const MS_PER_DAY = 86_400_000;

export function dayFromIso(iso: string): Day {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) throw new Error(`not an ISO date: ${iso}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / MS_PER_DAY;
}

/** Parses the portals' dd/mm/yyyy; null when the text is not a real date. */
export function dayFromDmy(text: string): Day | null {
  const match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text.trim());
  if (!match) return null;
  const [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(y, m - 1, d);
  const back = new Date(ms);
  if (back.getUTCDate() !== d || back.getUTCMonth() !== m - 1) return null;
  return ms / MS_PER_DAY;
}

function parts(day: Day): [string, string, string] {
  const date = new Date(day * MS_PER_DAY);
  return [
    String(date.getUTCFullYear()),
    String(date.getUTCMonth() + 1).padStart(2, '0'),
    String(date.getUTCDate()).padStart(2, '0'),
  ];
}

export function isoOf(day: Day): string {
  const [y, m, d] = parts(day);
  return `${y}-${m}-${d}`;
}

export function dmyOf(day: Day, separator = '/'): string {
  const [y, m, d] = parts(day);
  return `${d}${separator}${m}${separator}${y}`;
}

export function yearOf(day: Day): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

/** 0 = Sunday .. 6 = Saturday. */
export function weekdayOf(day: Day): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** The same day when it is a weekday, else the next Monday. */
export function nextWeekday(day: Day): Day {
  const weekday = weekdayOf(day);
  if (weekday === 6) return day + 2;
  if (weekday === 0) return day + 1;
  return day;
}

export function clockOf(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return [h, m, s].map((n) => String(n).padStart(2, '0')).join(':');
}

/** ISO local timestamp, as CFDI Fecha and the canonical datasets write it. */
export function isoTimestamp(day: Day, seconds: number): string {
  return `${isoOf(day)}T${clockOf(seconds)}`;
}
