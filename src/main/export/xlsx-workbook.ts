import { rmSync } from 'node:fs';
import type { GridColumn } from '../../shared/api';
import { type CellRows, EXCEL_MAX_DATA_ROWS, headerRange, RowCursor, writeSheet } from './sheet-writer';
import { stylesXml } from './xlsx-styles';
import { xmlText } from './xml-text';
import { ZipWriter } from './zip-writer';

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const SHEET_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';

interface SheetEntry {
  name: string;
  filterRange: string;
}

/** Excel's sheet name rules: at most 31 characters, none of []:*?/\ ; later parts end in " (2)" ... */
function sheetName(name: string, part: number): string {
  const suffix = part > 1 ? ` (${part})` : '';
  return name.replace(/[[\]:*?/\\]/g, '_').slice(0, 31 - suffix.length) + suffix;
}

function contentTypes(sheets: number): string {
  const overrides = Array.from(
    { length: sheets },
    (_, index) => `<Override PartName="/xl/worksheets/sheet${index + 1}.xml" ContentType="${SHEET_TYPE}"/>`,
  );
  return `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
<Default Extension="xml" ContentType="application/xml"/>\
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
${overrides.join('')}</Types>`;
}

const PACKAGE_RELS = `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">\
<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;

function workbookXml(sheets: readonly SheetEntry[]): string {
  const listed = sheets.map(
    (sheet, index) => `<sheet name="${xmlText(sheet.name)}" sheetId="${index + 1}" r:id="rId${index + 1}"/>`,
  );
  // Excel keeps each sheet's autofilter range as this hidden name.
  const filters = sheets.map((sheet, index) => {
    const [from, to] = sheet.filterRange.split(':').map((ref) => ref.replace(/([A-Z]+)(\d+)/, '$$$1$$$2'));
    const quoted = `'${sheet.name.replaceAll("'", "''")}'`;
    return `<definedName name="_xlnm._FilterDatabase" localSheetId="${index}" hidden="1">${xmlText(`${quoted}!${from}:${to}`)}</definedName>`;
  });
  return `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><bookViews><workbookView/></bookViews>\
<sheets>${listed.join('')}</sheets><definedNames>${filters.join('')}</definedNames></workbook>`;
}

function workbookRels(sheets: number): string {
  const rels = Array.from(
    { length: sheets },
    (_, index) =>
      `<Relationship Id="rId${index + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${index + 1}.xml"/>`,
  );
  rels.push(`<Relationship Id="rId${sheets + 1}" Type="${REL_NS}/styles" Target="styles.xml"/>`);
  return `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">${rels.join('')}</Relationships>`;
}

/**
 * A streaming .xlsx writer: sheets are written one after another straight into the zip archive
 * (inline strings, one style per column kind), then the workbook parts that list them.
 */
export class XlsxWorkbook {
  private readonly zip: ZipWriter;
  private readonly sheets: SheetEntry[] = [];

  constructor(file: string) {
    this.zip = new ZipWriter(file);
  }

  /**
   * Adds a sheet and streams its rows; rows beyond what a sheet holds (`rowsPerSheet`, Excel's
   * limit by default) continue on sheets named "name (2)", "name (3)" ... Returns the rows written.
   */
  async addSheet(
    name: string,
    columns: readonly GridColumn[],
    pages: AsyncIterable<CellRows>,
    rowsPerSheet = EXCEL_MAX_DATA_ROWS,
  ): Promise<number> {
    const rows = new RowCursor(pages[Symbol.asyncIterator]());
    let written = 0;
    let part = 0;
    try {
      do {
        part += 1;
        const entry = await this.zip.entry(`xl/worksheets/sheet${this.sheets.length + 1}.xml`);
        this.sheets.push({ name: sheetName(name, part), filterRange: headerRange(columns) });
        written += await writeSheet(entry, columns, rows, rowsPerSheet);
        await entry.close();
      } while (await rows.ready());
    } catch (error) {
      await rows.close();
      throw error;
    }
    return written;
  }

  async commit(): Promise<void> {
    await this.zip.file('xl/styles.xml', stylesXml());
    await this.zip.file('xl/workbook.xml', workbookXml(this.sheets));
    await this.zip.file('xl/_rels/workbook.xml.rels', workbookRels(this.sheets.length));
    await this.zip.file('_rels/.rels', PACKAGE_RELS);
    await this.zip.file('[Content_Types].xml', contentTypes(this.sheets.length));
    await this.zip.finish();
  }

  /** Closes the file after a failure. */
  async abort(): Promise<void> {
    await this.zip.abort();
  }
}

/** Writes a workbook with `fill` and commits it; if `fill` throws, no partial file is left behind. */
export async function withWorkbook<T>(
  file: string,
  fill: (workbook: XlsxWorkbook) => Promise<T>,
): Promise<T> {
  const workbook = new XlsxWorkbook(file);
  try {
    const result = await fill(workbook);
    await workbook.commit();
    return result;
  } catch (error) {
    await workbook.abort();
    rmSync(file, { force: true });
    throw error;
  }
}
