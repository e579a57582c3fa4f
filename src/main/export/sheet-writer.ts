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

/** Excel's last row is 1,048,576: a sheet holds the header and at most this many data rows. */
export const EXCEL_MAX_DATA_ROWS = 1_048_575;

/** Rows drawn page by page, so that a sheet that fills up leaves the rest to the next one. */
export class RowCursor {
  private rows: Iterator<readonly string[]> = [][Symbol.iterator]();
  private ahead: readonly string[] | undefined;

  constructor(private readonly pages: AsyncIterator<CellRows>) {}

  /** Reads pages until a row is at hand; false when there are no rows left. */
  async ready(): Promise<boolean> {
    while (!this.ahead) {
      const row = this.rows.next();
      if (!row.done) {
        this.ahead = row.value;
        break;
      }
      const page = await this.pages.next();
      if (page.done) return false;
      this.rows = page.value[Symbol.iterator]();
    }
    return true;
  }

  /** The next row of the page at hand, or undefined when the next page must be read first. */
  take(): readonly string[] | undefined {
    const row = this.ahead ?? this.rows.next().value;
    this.ahead = undefined;
    return row ?? undefined;
  }

  /** Stops the pages early (after a failure), so that they release what they hold. */
  async close(): Promise<void> {
    await this.pages.return?.();
  }
}

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
 * memory stays flat whatever the row count. Stops after `limit` rows; returns the rows written.
 */
export async function writeSheet(
  entry: ZipEntry,
  columns: readonly GridColumn[],
  rows: RowCursor,
  limit = EXCEL_MAX_DATA_ROWS,
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
  while (written < limit) {
    const cells = rows.take() ?? ((await rows.ready()) ? rows.take() : undefined);
    if (!cells) break;
    written += 1;
    xml += rowXml(written + 1, cells, render, letters);
    if (written % ROWS_PER_WRITE === 0) {
      await entry.write(xml);
      xml = '';
    }
  }
  await entry.write(`${xml}</sheetData><autoFilter ref="${headerRange(columns)}"/></worksheet>`);
  return written;
}
