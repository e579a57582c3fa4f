import Decimal from 'decimal.js';

/**
 * Canonical value parsers: each turns one raw cell (text from a portal file, or a number / Date from a
 * spreadsheet cell) into its canonical text form (see datasets.ts), or says what is wrong and how to fix
 * it. They never throw and never pass money through float arithmetic.
 */

export type CellValue = string | number | boolean | Date | null | undefined;
export type ValueResult = { ok: true; value: string | null } | { ok: false; problem: string };
export type ValueParser = (cell: CellValue) => ValueResult;

const ok = (value: string | null): ValueResult => ({ ok: true, value });
const bad = (problem: string): ValueResult => ({ ok: false, problem });

// \s covers the non-breaking space (U+00A0) that portals pad with.
const BLANK = /^\s*$/;

/** A blank cell, an empty string or a lone space (PREI's "no value") is null. */
function isBlank(cell: CellValue): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && BLANK.test(cell));
}

/** Excel keeps 15 significant digits; printing a cell number at that precision drops float noise. */
function numberToDecimal(n: number): Decimal | null {
  return Number.isFinite(n) ? new Decimal(n.toPrecision(15)) : null;
}

/** Free text: trimmed, inner runs of spaces collapsed; numbers print in plain decimal notation. */
export const text: ValueParser = (cell) => {
  if (isBlank(cell)) return ok(null);
  if (typeof cell === 'string') return ok(cell.trim().replace(/\s+/g, ' '));
  if (typeof cell === 'number') {
    const d = numberToDecimal(cell);
    return d ? ok(d.toFixed()) : bad(`"${cell}" is not a usable value`);
  }
  if (typeof cell === 'boolean') return ok(cell ? 'true' : 'false');
  return bad('is a date cell where text was expected; format the column as text');
};

/**
 * An identifier kept as text. A spreadsheet number has lost any leading zeros: it is re-padded when the
 * identifier's width is known (e.g. clasPtalRecep 12 digits) and rejected otherwise.
 */
export function identifier(width?: number): ValueParser {
  return (cell) => {
    if (isBlank(cell)) return ok(null);
    if (typeof cell === 'string') return ok(cell.trim());
    if (typeof cell === 'number') {
      const digits = Number.isSafeInteger(cell) && cell >= 0 ? String(cell) : null;
      if (digits === null) return bad(`"${cell}" is not an identifier; it must be whole digits`);
      if (width === undefined) {
        return bad(`${cell} came as a number, so leading zeros may be lost; export the column as text`);
      }
      if (digits.length > width) return bad(`"${digits}" has more than ${width} digits`);
      return ok(digits.padStart(width, '0'));
    }
    return bad(`"${String(cell)}" is not an identifier; export the column as text`);
  };
}

const DECIMAL_TEXT = /^(\d{1,3}(?:,\d{3})+|\d+)?(\.\d+)?$/;

/** "1,234.50", "$1,234.5", "-$ 10", "(10.00)" or a cell number -> Decimal; a sentence when not a number. */
function toDecimal(cell: CellValue): Decimal | string {
  if (typeof cell === 'number') return numberToDecimal(cell) ?? `"${cell}" is not a number`;
  if (typeof cell !== 'string') return `"${String(cell)}" is not a number`;
  let body = cell.replace(/[\s$]/g, '');
  let negative = false;
  const parenthesised = /^\((.*)\)$/.exec(body);
  if (parenthesised) [negative, body] = [true, parenthesised[1] ?? ''];
  if (body.startsWith('-') || body.startsWith('+'))
    [negative, body] = [negative || body[0] === '-', body.slice(1)];
  const match = DECIMAL_TEXT.exec(body);
  if (!match || (match[1] === undefined && match[2] === undefined)) {
    return `"${cell.trim()}" is not a number; use digits with a dot for decimals, e.g. 1234.50`;
  }
  const value = new Decimal(`${match[1]?.replace(/,/g, '') ?? '0'}${match[2] ?? ''}`);
  return negative ? value.negated() : value;
}

function exactDecimal(places: number, fixed: boolean): ValueParser {
  return (cell) => {
    if (isBlank(cell)) return ok(null);
    const d = toDecimal(cell);
    if (typeof d === 'string') return bad(d);
    if (d.decimalPlaces() > places) {
      return bad(
        `"${String(cell).trim()}" has more than ${places} decimal places; it cannot be stored exactly`,
      );
    }
    if (d.abs().gte(new Decimal(10).pow(18 - places))) return bad(`"${String(cell).trim()}" is too large`);
    const normal = d.isZero() ? new Decimal(0) : d; // no "-0.00"
    return ok(fixed ? normal.toFixed(places) : normal.toFixed());
  };
}

/** Money: exact, two decimal places, "1234.50". */
export const money: ValueParser = exactDecimal(2, true);

/** Exact decimal with up to four places, trailing zeros dropped: "12.5". */
export const decimal: ValueParser = exactDecimal(4, false);

/** A whole number, "42"; "1,234" and a whole cell number are accepted. */
export const integer: ValueParser = (cell) => {
  if (isBlank(cell)) return ok(null);
  const d = toDecimal(cell);
  if (typeof d === 'string') return bad(d);
  if (!d.isInteger()) return bad(`"${String(cell).trim()}" is not a whole number`);
  return ok(d.toFixed(0));
};

interface Moment {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const isoDate = (m: Moment) => `${pad(m.year, 4)}-${pad(m.month)}-${pad(m.day)}`;
const isoTimestamp = (m: Moment) => `${isoDate(m)}T${pad(m.hour)}:${pad(m.minute)}:${pad(m.second)}`;

function validMoment(m: Moment): boolean {
  if (m.year < 1900 || m.year > 2200 || m.month < 1 || m.month > 12 || m.day < 1) return false;
  if (m.day > new Date(Date.UTC(m.year, m.month, 0)).getUTCDate()) return false;
  return m.hour <= 23 && m.minute <= 59 && m.second <= 59;
}

const DMY =
  /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([ap])\.?\s*m\.?)?)?$/i;
const YMD = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;

function momentFromText(raw: string): Moment | null {
  const s = raw.trim();
  const dmy = DMY.exec(s);
  const ymd = dmy ? null : YMD.exec(s);
  const m = dmy ?? ymd;
  if (!m) return null;
  const [day, month, year] = dmy ? [m[1], m[2], m[3]] : [m[3], m[2], m[1]];
  let hour = Number(m[4] ?? 0);
  const meridiem = dmy?.[7]?.toLowerCase();
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem === 'p' ? 12 : 0);
  }
  return {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour,
    minute: Number(m[5] ?? 0),
    second: Number(m[6] ?? 0),
  };
}

// Excel's 1900 date system counts from 1899-12-30 once past its fictitious 29 Feb 1900 (serial 60).
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

function momentFromSerial(serial: number): Moment | null {
  if (!Number.isFinite(serial) || serial < 61) return null;
  const date = new Date(EXCEL_EPOCH_MS + Math.round(serial * 86_400) * 1000);
  return momentFromDate(date);
}

function momentFromDate(date: Date): Moment | null {
  if (Number.isNaN(date.getTime())) return null;
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
  };
}

function toMoment(cell: CellValue): Moment | null {
  if (typeof cell === 'string') return momentFromText(cell);
  if (typeof cell === 'number') return momentFromSerial(cell);
  if (cell instanceof Date) return momentFromDate(cell);
  return null;
}

/** A calendar date: dd/mm/yyyy, ISO, an Excel serial or a Date cell -> "YYYY-MM-DD". */
export const date: ValueParser = (cell) => {
  if (isBlank(cell)) return ok(null);
  const m = toMoment(cell);
  if (!m || !validMoment(m)) return bad(`"${String(cell).trim()}" is not a date; use dd/mm/yyyy`);
  if (m.hour || m.minute || m.second)
    return bad(`"${String(cell).trim()}" has a time where a date was expected`);
  return ok(isoDate(m));
};

/** A local date-time: "dd/mm/yyyy HH:mm[:ss]", ISO, an Excel serial or a Date cell -> "YYYY-MM-DDTHH:MM:SS". */
export const timestamp: ValueParser = (cell) => {
  if (isBlank(cell)) return ok(null);
  const m = toMoment(cell);
  if (!m || !validMoment(m)) {
    return bad(`"${String(cell).trim()}" is not a date-time; use dd/mm/yyyy HH:mm:ss`);
  }
  return ok(isoTimestamp(m));
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A SAT stamp UUID (8-4-4-4-12 hex), upper-cased. */
export const uuid: ValueParser = (cell) => {
  if (isBlank(cell)) return ok(null);
  const s = typeof cell === 'string' ? cell.trim() : '';
  if (!UUID.test(s)) return bad(`"${String(cell).trim()}" is not a UUID (8-4-4-4-12 hexadecimal digits)`);
  return ok(s.toUpperCase());
};

/** Parses a value that must be a valid ISO date (e.g. a snapshot date given by the caller). */
export function isIsoDate(value: string): boolean {
  const r = date(value);
  return r.ok && r.value === value;
}
