import type { CanonicalBatch } from '../datasets';
import type { ParseFailure } from '../failure';
import type { ParseContext, SourceColumn } from '../table';
import { date, decimal, identifier, money, text } from '../values';
import { readSpreadsheetReport } from './spreadsheet';

/** SAI "Ordenes" export (first sheet); numbers may come as text, both parse. */
export const SAI_ORDERS_COLUMNS: readonly SourceColumn[] = [
  { header: 'contrato', column: 'contrato', parse: identifier() },
  { header: 'solicitud', column: 'solicitud', parse: text },
  { header: 'orden', column: 'orden', parse: identifier(8) },
  { header: 'generacion', column: 'generacion', parse: text },
  { header: 'cveArticulo', column: 'cve_articulo', parse: identifier() },
  { header: 'fechaExpedicion', column: 'fecha_expedicion', parse: date },
  { header: 'lugarEntrega', column: 'lugar_entrega', parse: identifier() },
  { header: 'descripciónEntrega', column: 'descripcion_entrega', parse: text },
  { header: 'direccionEntrega', column: 'direccion_entrega', parse: text },
  { header: 'destinoFinal', column: 'destino_final', parse: text },
  { header: 'estatus', column: 'estatus', parse: text },
  { header: 'fechaEntrega', column: 'fecha_entrega', parse: date },
  { header: 'cantidadSolicitada', column: 'cantidad_solicitada', parse: decimal },
  { header: 'precio', column: 'precio', parse: decimal },
  { header: 'importeSinIva', column: 'importe_sin_iva', parse: money },
];

export function readSaiOrders(buf: Buffer, context: ParseContext): CanonicalBatch | ParseFailure {
  return readSpreadsheetReport(buf, context, { dataset: 'sai_orders', columns: SAI_ORDERS_COLUMNS });
}
