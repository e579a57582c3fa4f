import type { PreiRow, WorldView } from '../world/as-of';
import { IMSS, SUPPLIER } from '../world/catalog';
import { clockOf, type Day, dmyOf } from '../world/days';
import { centsToDecimal } from '../world/money';
import { type Cell, sheetBytes } from './workbook';

export const PREI_COLUMNS = [
  'Documento',
  'Folio Fiscal',
  'Fecha Factura',
  'Importe',
  'Fecha Carga',
  'Unidad Negocio',
  'Contra Recibo',
  'Estado C.R.',
] as const;

/** PREI answers more than this many matches with an alert and no data. */
export const PREI_MAX_RESULTS = 100;

/** PREI writes a single space where there is no contrarecibo. */
const BLANK = ' ';

export function preiRowCells(row: PreiRow): Cell[] {
  return [
    row.upload.documento,
    row.upload.folioFiscal,
    `${dmyOf(row.invoice.day)} ${clockOf(row.invoice.seconds)}`,
    Number(centsToDecimal(row.invoice.totalCents)),
    `${dmyOf(row.upload.day)} ${clockOf(row.upload.seconds)}`,
    row.status.unidadNegocio ?? BLANK,
    row.status.contraRecibo ?? BLANK,
    row.status.state,
  ];
}

/** `[FacturaVsCR][<supplier>][dd-mm-yyyy][dd-mm-yyyy].xls` */
export function preiFileName(from: Day, to: Day, supplier: string = SUPPLIER.preiNumber): string {
  return `[FacturaVsCR][${supplier}][${dmyOf(from, '-')}][${dmyOf(to, '-')}].xls`;
}

/** The BIFF8 workbook: six preamble lines, a blank line, the header, the rows. */
export function preiWorkbook(
  view: WorldView,
  from: Day,
  to: Day,
  supplier: string = SUPPLIER.preiNumber,
): Buffer {
  const preamble: Cell[][] = [
    [IMSS.name],
    ['Consulta de Facturas vs Contra Recibo'],
    ['Tipo de consulta: Por fechas'],
    [`Número de proveedor: ${supplier}`],
    [`Fecha inicial: ${dmyOf(from)}`],
    [`Fecha final: ${dmyOf(to)}`],
    [],
  ];
  const rows = view.preiRows(from, to).map(preiRowCells);
  return sheetBytes('tblDocumentos', [...preamble, [...PREI_COLUMNS], ...rows], 'biff8');
}
