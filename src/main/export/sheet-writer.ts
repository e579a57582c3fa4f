import type ExcelJS from 'exceljs';
import type { GridColumn } from '../../shared/api';
import type { SqlRow } from '../warehouse/session';
import { EXCEL_FORMATS, excelValue } from './cell-values';

const WIDTH: Record<GridColumn['kind'], number> = {
  text: 18,
  money: 16,
  number: 12,
  date: 12,
  timestamp: 20,
  boolean: 10,
};

/**
 * Streams rows into a new sheet: header row frozen, autofilter over every column, a format per
 * column; each row is committed as it is written, so memory stays flat whatever the row count.
 */
export async function writeSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  columns: readonly GridColumn[],
  pages: AsyncIterable<readonly SqlRow[]>,
): Promise<number> {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({
    header: column.id,
    key: column.id,
    width: Math.max(WIDTH[column.kind], column.id.length + 2),
    style: EXCEL_FORMATS[column.kind] ? { numFmt: EXCEL_FORMATS[column.kind] } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  let written = 0;
  for await (const page of pages) {
    for (const row of page) {
      sheet.addRow(columns.map((column) => excelValue(column.kind, row[column.id]))).commit();
      written += 1;
    }
  }
  sheet.commit();
  return written;
}
