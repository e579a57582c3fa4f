import type { ColumnKind } from '../../shared/api';

const moneyFormats = new Map<string, Intl.NumberFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

function cached(map: Map<string, Intl.NumberFormat>, locale: string, options: Intl.NumberFormatOptions) {
  let format = map.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    map.set(locale, format);
  }
  return format;
}

/**
 * Pesos in the reader's language (es-MX: "$1,234.50"). The exact decimal string goes to Intl as a
 * string, so no float ever rounds it.
 */
export function formatMoney(value: unknown, locale: string): string {
  if (value === null || value === undefined || value === '') return '';
  const format = cached(moneyFormats, locale, { style: 'currency', currency: 'MXN' });
  return format.format(String(value) as unknown as number);
}

export function formatNumber(value: unknown, locale: string): string {
  if (value === null || value === undefined || value === '') return '';
  const format = cached(numberFormats, locale, { maximumFractionDigits: 4 });
  return format.format(String(value) as unknown as number);
}

/** How each column kind is shown: dates stay ISO (unambiguous across languages). */
export function formatCell(kind: ColumnKind, value: unknown, locale: string): string {
  if (value === null || value === undefined) return '';
  if (kind === 'money') return formatMoney(value, locale);
  if (kind === 'number') return formatNumber(value, locale);
  if (kind === 'boolean') return value === true || value === 'true' ? '✓' : '—';
  return String(value);
}
