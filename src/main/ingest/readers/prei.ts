import type { CanonicalBatch } from '../datasets';
import { failure, type ParseFailure } from '../failure';
import { findHeaderRow, headerNotFound, type ParseContext, type SourceColumn, sheetToBatch } from '../table';
import { type CellValue, date, identifier, money, text, timestamp, uuid } from '../values';
import { isSheetFailure, readSheet } from '../workbook';

/** PREI "Facturas vs CR" (.xls, sheet tblDocumentos): a preamble, a blank line, then the table. */
export const PREI_COLUMNS: readonly SourceColumn[] = [
  { header: 'Documento', column: 'documento', parse: identifier(8) },
  { header: 'Folio Fiscal', column: 'folio_fiscal', parse: uuid },
  { header: 'Fecha Factura', column: 'fecha_factura', parse: timestamp },
  { header: 'Importe', column: 'importe', parse: money },
  { header: 'Fecha Carga', column: 'fecha_carga', parse: timestamp },
  { header: 'Unidad Negocio', column: 'unidad_negocio', parse: identifier(5) },
  { header: 'Contra Recibo', column: 'contra_recibo', parse: identifier(8) },
  { header: 'Estado C.R.', column: 'estado_cr', parse: text },
];

/** What the file says was asked: the caller compares it with what it requested. */
export interface PreiPreamble {
  supplierNumber: string | null;
  from: string;
  to: string;
}

/** The request a PREI file must answer; any part left out is not checked. */
export interface PreiQuery {
  from?: string;
  to?: string;
  supplierNumber?: string;
}

const lineText = (cells: readonly CellValue[]) =>
  cells
    .filter((c) => c !== null && c !== undefined)
    .map(String)
    .join(' ')
    .trim();

function labelled(lines: readonly string[], label: RegExp): string | null {
  for (const line of lines) {
    const match = label.exec(line);
    if (match?.[1]) return match[1];
  }
  return null;
}

export function parsePreamble(lines: readonly string[], fileName: string): PreiPreamble | ParseFailure {
  const supplier = labelled(lines, /n[uú]mero de proveedor\s*:?\s*(\d+)/i);
  const from = date(labelled(lines, /fecha inicial\s*:?\s*(\S+)/i));
  const to = date(labelled(lines, /fecha final\s*:?\s*(\S+)/i));
  if (!from.ok || !to.ok || from.value === null || to.value === null) {
    return failure(
      'bad_preamble',
      `${fileName}: the lines above the table do not state the query's "Fecha inicial" and "Fecha final"; download the report again`,
    );
  }
  return { supplierNumber: supplier?.padStart(10, '0') ?? null, from: from.value, to: to.value };
}

function checkAgainstQuery(preamble: PreiPreamble, query: PreiQuery, fileName: string): ParseFailure | null {
  if ((query.from && query.from !== preamble.from) || (query.to && query.to !== preamble.to)) {
    return failure(
      'range_mismatch',
      `${fileName} covers ${preamble.from} to ${preamble.to} but ${query.from ?? '?'} to ${query.to ?? '?'} was requested; the portal answered another query, run it again`,
    );
  }
  if (query.supplierNumber && preamble.supplierNumber && query.supplierNumber !== preamble.supplierNumber) {
    return failure(
      'supplier_mismatch',
      `${fileName} is for supplier ${preamble.supplierNumber}, not ${query.supplierNumber}; check the account used to sign in`,
    );
  }
  return null;
}

export interface PreiResult {
  batch: CanonicalBatch;
  preamble: PreiPreamble;
}

export function readPrei(
  buf: Buffer,
  context: ParseContext,
  query: PreiQuery = {},
): PreiResult | ParseFailure {
  const sheet = readSheet(buf, { fileName: context.fileName, sheet: 'tblDocumentos' });
  if (isSheetFailure(sheet)) return sheet;
  const headerIndex = findHeaderRow(sheet.rows, PREI_COLUMNS);
  if (headerIndex === -1) return headerNotFound(context.fileName, PREI_COLUMNS);
  const preamble = parsePreamble(sheet.rows.slice(0, headerIndex).map(lineText), context.fileName);
  if ('reason' in preamble) return preamble;
  const mismatch = checkAgainstQuery(preamble, query, context.fileName);
  if (mismatch) return mismatch;
  const constants = { query_from: preamble.from, query_to: preamble.to, snapshot_date: context.snapshotDate };
  const batch = sheetToBatch({
    dataset: 'prei_invoices',
    context,
    columns: PREI_COLUMNS,
    rows: sheet.rows,
    firstRow: sheet.firstRow,
    constants,
  });
  return 'reason' in batch ? batch : { batch, preamble };
}
