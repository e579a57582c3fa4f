import type { GridColumn } from '../../shared/api';
import { type CellXml, cellXml, stringCellXml } from './cell-xml';
import { HEADER_STYLE, KIND_STYLE } from './xlsx-styles';
import type { ZipEntry } from './zip-writer';

/** Rows of cell texts in column order; '' is an empty cell. */
export type CellRows = Iterable<readonly string[]>;

const WIDTH: Record<GridColumn['kind'], number> = {
  text: 18,
  money: 16,
  number: 12,
  date: 12,
  timestamp: 20,
  boolean: 10,
};

/** Rows rendered before their XML is handed to the deflater (keeps strings small, work overlapped). */
const ROWS_PER_WRITE = 100;

export function columnLetters(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

function rowXml(
  rowNumber: number,
  cells: readonly string[],
  render: readonly CellXml[],
  letters: readonly string[],
) {
  // Every cell carries its reference: some readers (exceljs among them) require it.
  let xml = `<row r="${rowNumber}">`;
  for (let index = 0; index < render.length; index++) {
    const text = cells[index] ?? '';
    if (text !== '') xml += `<c r="${letters[index]}${rowNumber}"${(render[index] as CellXml)(text)}`;
  }
  return `${xml}</row>`;
}

function sheetHead(columns: readonly GridColumn[]): string {
  const cols = columns.map((column, index) => {
    const width = Math.max(WIDTH[column.kind], column.id.length + 2);
    return `<col min="${index + 1}" max="${index + 1}" width="${width}" customWidth="1" style="${KIND_STYLE[column.kind]}"/>`;
  });
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>\
<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>\
<cols>${cols.join('')}</cols><sheetData>`;
}

/** The reference of the header row, e.g. A1:AN1 (the autofilter's range). */
export function headerRange(columns: readonly GridColumn[]): string {
  return `A1:${columnLetters(columns.length - 1)}1`;
}

/**
 * Streams one worksheet into its archive entry: header row frozen and bold, an autofilter over
 * every column, one style per column kind (nothing per cell), rows written as they arrive so
 * memory stays flat whatever the row count. Returns the data rows written.
 */
export async function writeSheet(
  entry: ZipEntry,
  columns: readonly GridColumn[],
  pages: AsyncIterable<CellRows>,
): Promise<number> {
  const letters = columns.map((_, index) => columnLetters(index));
  const render = columns.map((column) => cellXml(column.kind));
  const header = columns.map(() => stringCellXml(HEADER_STYLE));
  await entry.write(
    sheetHead(columns) +
      rowXml(
        1,
        columns.map((column) => column.id),
        header,
        letters,
      ),
  );
  let written = 0;
  let xml = '';
  for await (const page of pages) {
    for (const cells of page) {
      written += 1;
      xml += rowXml(written + 1, cells, render, letters);
      if (written % ROWS_PER_WRITE === 0) {
        await entry.write(xml);
        xml = '';
      }
    }
  }
  await entry.write(`${xml}</sheetData><autoFilter ref="${headerRange(columns)}"/></worksheet>`);
  return written;
}
