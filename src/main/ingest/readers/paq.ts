import type { CanonicalBatch } from '../datasets';
import type { ParseFailure } from '../failure';
import type { ParseContext } from '../table';
import { identifier, text } from '../values';
import { readSpreadsheetReport } from './spreadsheet';

/** Where the PAQ workbook keeps its links; every name is configurable because the workbook is hand-made. */
export interface PaqOptions {
  sheet: string;
  folioColumn: string;
  referenciaColumn: string;
  altaColumn: string;
}

export const DEFAULT_PAQ_OPTIONS: PaqOptions = {
  sheet: 'Reporte Paq',
  folioColumn: 'Folio',
  referenciaColumn: 'Referencia',
  altaColumn: 'Alta',
};

export function readPaq(
  buf: Buffer,
  context: ParseContext,
  options: Partial<PaqOptions> = {},
): CanonicalBatch | ParseFailure {
  const o = { ...DEFAULT_PAQ_OPTIONS, ...options };
  return readSpreadsheetReport(buf, context, {
    dataset: 'paq_links',
    sheet: o.sheet,
    columns: [
      { header: o.folioColumn, column: 'folio', parse: text },
      // Referencia is the 8-digit order number.
      { header: o.referenciaColumn, column: 'referencia', parse: identifier(8) },
      { header: o.altaColumn, column: 'alta', parse: text },
    ],
  });
}
