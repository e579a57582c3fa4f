import type { CanonicalBatch } from '../datasets';
import type { ParseFailure } from '../failure';
import type { ParseContext, SourceColumn } from '../table';
import { date, decimal, identifier, integer, money, text } from '../values';
import { readSpreadsheetReport } from './spreadsheet';

/** SAI "Altas" export: sheet `data`, columns as the portal names them. */
export const SAI_ALTAS_COLUMNS: readonly SourceColumn[] = [
  { header: 'noAlta', column: 'no_alta', parse: identifier() },
  { header: 'fechaAltaTrunc', column: 'fecha_alta', parse: date },
  { header: 'noContrato', column: 'no_contrato', parse: identifier() },
  { header: 'noOrden', column: 'no_orden', parse: identifier(8) },
  { header: 'clave', column: 'clave', parse: identifier() },
  { header: 'cantRecibida', column: 'cant_recibida', parse: decimal },
  { header: 'importe', column: 'importe', parse: money },
  { header: 'fpp', column: 'fpp', parse: date },
  { header: 'clasPtalRecep', column: 'clas_ptal_recep', parse: identifier(12) },
  { header: 'descUnidad', column: 'desc_unidad', parse: text },
  { header: 'clasPtalDist', column: 'clas_ptal_dist', parse: identifier(12) },
  { header: 'descDist', column: 'desc_dist', parse: text },
  { header: 'totalItems', column: 'total_items', parse: integer },
  { header: 'resguardo', column: 'resguardo', parse: text },
];

export function readSaiAltas(buf: Buffer, context: ParseContext): CanonicalBatch | ParseFailure {
  return readSpreadsheetReport(buf, context, {
    dataset: 'sai_altas',
    sheet: 'data',
    columns: SAI_ALTAS_COLUMNS,
  });
}
