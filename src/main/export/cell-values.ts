import type { ColumnKind } from '../../shared/api';
import type { SqlValue } from '../warehouse/session';

/** Excel formats per column kind: pesos with two decimals, real dates, ids kept as text ('@'). */
export const EXCEL_FORMATS: Record<ColumnKind, string | undefined> = {
  money: '"$"#,##0.00;-"$"#,##0.00',
  number: '#,##0.####',
  date: 'yyyy-mm-dd',
  timestamp: 'yyyy-mm-dd hh:mm:ss',
  boolean: undefined,
  text: '@',
};

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2}))?/;

function excelDate(text: string): Date | string {
  const match = DATE.exec(text);
  if (!match) return text;
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = match;
  // Excel has no time zones: the wall-clock value is written as UTC so it reads back unchanged.
  return new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
}

/**
 * A warehouse value as an Excel cell value. Money and quantities leave their exact decimal text
 * only here, as the number Excel stores; ids stay strings so their leading zeros survive.
 */
export function excelValue(
  kind: ColumnKind,
  value: SqlValue | undefined,
): string | number | boolean | Date | null {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'money':
    case 'number':
      return typeof value === 'number' ? value : Number(value);
    case 'date':
    case 'timestamp':
      return excelDate(String(value));
    case 'boolean':
      return typeof value === 'boolean' ? value : String(value) === 'true';
    case 'text':
      return String(value);
  }
}
