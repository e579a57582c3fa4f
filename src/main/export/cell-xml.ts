import type { ColumnKind } from '../../shared/api';
import { KIND_STYLE } from './xlsx-styles';
import { xmlText } from './xml-text';

/**
 * A cell's XML after its `<c r="..."`,
 * from the warehouse's text of the value. Numbers keep their exact decimal text ('1234.50' is
 * written as is, never through a float); ids stay strings so their leading zeros survive.
 */
export type CellXml = (text: string) => string;

const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2}(?:\.\d+)?))?/;
const MS_PER_DAY = 86_400_000;
/** Excel's serial day number of 1970-01-01 (valid for every date after 1900-02-28). */
const UNIX_EPOCH_SERIAL = 25_569;

/** A string cell in the given style (the header's, or a column kind's). */
export function stringCellXml(style: number): CellXml {
  return (text) => {
    const preserve = /^\s|\s$/.test(text) ? ' xml:space="preserve"' : '';
    return ` s="${style}" t="inlineStr"><is><t${preserve}>${xmlText(text)}</t></is></c>`;
  };
}

/** Excel has no time zones: the wall-clock value becomes a serial day number, read back unchanged. */
function serialDay(text: string): number | null {
  const match = DATE.exec(text);
  if (!match) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = match;
  const day = Date.UTC(Number(y), Number(mo) - 1, Number(d)) / MS_PER_DAY + UNIX_EPOCH_SERIAL;
  return day + (Number(h) * 3600 + Number(mi) * 60 + Number(s)) / 86_400;
}

export function cellXml(kind: ColumnKind): CellXml {
  const style = KIND_STYLE[kind];
  const asText = stringCellXml(style);
  switch (kind) {
    case 'text':
      return asText;
    case 'money':
    case 'number':
      return (text) => (NUMBER.test(text) ? ` s="${style}"><v>${text}</v></c>` : asText(text));
    case 'date':
    case 'timestamp':
      return (text) => {
        const serial = serialDay(text);
        return serial === null ? asText(text) : ` s="${style}"><v>${serial}</v></c>`;
      };
    case 'boolean':
      return (text) => ` s="${style}" t="b"><v>${/^(true|1)$/i.test(text) ? 1 : 0}</v></c>`;
  }
}
