import type { WorldView } from '../world/as-of';
import { type Cell, sheetBytes } from './workbook';

export const PAQ_COLUMNS = ['Folio', 'Referencia', 'Alta'] as const;

/** The hand-kept PAQ workbook as of the view's day. Orders typed as numbers, as people type them. */
export function paqWorkbook(view: WorldView): Buffer {
  const rows: Cell[][] = view
    .paq()
    .map((row) => [
      row.folio,
      /^\d+$/.test(row.referencia) ? Number(row.referencia) : row.referencia || null,
      row.alta || null,
    ]);
  return sheetBytes('Reporte Paq', [[...PAQ_COLUMNS], ...rows], 'xlsx');
}
