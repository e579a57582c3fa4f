import * as XLSX from '@e965/xlsx';

export type Cell = string | number | null;

/**
 * One-sheet workbook bytes. SheetJS writes no timestamps unless asked, so the same rows give the same
 * bytes (the determinism tests rely on it). A null cell is left out: "empty", not an empty string.
 */
export function sheetBytes(sheetName: string, rows: Cell[][], bookType: 'xlsx' | 'biff8'): Buffer {
  const book = XLSX.utils.book_new();
  const sheet = XLSX.utils.aoa_to_sheet(rows);
  XLSX.utils.book_append_sheet(book, sheet, sheetName);
  return XLSX.write(book, { type: 'buffer', bookType, compression: bookType === 'xlsx' }) as Buffer;
}
