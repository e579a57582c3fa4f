import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, test } from 'vitest';
import { PREI_COLUMNS, preiWorkbook } from './files/prei-export';
import { ALTAS_COLUMNS, altasWorkbook, ORDERS_COLUMNS, ordersWorkbook } from './files/sai-export';
import { writeWorldFiles } from './files/write-world';
import { worldAsOf } from './world/as-of';
import { dayFromIso } from './world/days';
import { generateWorld } from './world/generate';

// Files are read back by readers other than the SheetJS writer: exceljs for .xlsx, python3-xlrd for
// BIFF8 .xls, fast-xml-parser for CFDI.
const world = generateWorld({ seed: 11, startDate: '2024-01-01', endDate: '2024-12-31', altasPerYear: 2000 });
const view = worldAsOf(world, '2024-12-31');
const MARCH: [number, number] = [dayFromIso('2024-03-01'), dayFromIso('2024-03-31')];

async function readXlsx(bytes: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book;
}

function rowValues(sheet: ExcelJS.Worksheet, n: number): unknown[] {
  return (sheet.getRow(n).values as unknown[]).slice(1);
}

describe('SAI exports read back with exceljs', () => {
  test('altas: sheet data, exact columns, text dates, padded names, leading zeros, empty tails', async () => {
    const book = await readXlsx(altasWorkbook(view, ...MARCH));
    expect(book.worksheets.map((s) => s.name)).toEqual(['data']);
    const sheet = book.getWorksheet('data') as ExcelJS.Worksheet;
    expect(rowValues(sheet, 1)).toEqual([...ALTAS_COLUMNS]);
    const expected = view.altas(...MARCH);
    const dupes = expected.filter((a) => a.duplicatedInExport).length;
    expect(sheet.rowCount - 1).toBe(expected.length + dupes);
    let emptyTails = 0;
    for (let r = 2; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      expect(row.getCell(1).value).toMatch(/^\d{6}-\d{6}$/);
      expect(row.getCell(2).value).toMatch(/^\d{2}\/03\/2024$/);
      expect(typeof row.getCell(7).value).toBe('number');
      expect(row.getCell(8).value).toMatch(/^\d{2}\/\d{2}\/2024$/);
      expect(row.getCell(9).value).toMatch(/^0\d{11}$/);
      expect(String(row.getCell(10).value)).toHaveLength(70);
      if (row.getCell(11).value === null && row.getCell(14).value === null) emptyTails++;
    }
    expect(emptyTails).toBeGreaterThan((sheet.rowCount - 1) / 3);
    // Every alta amount equals quantity x price, to the cent.
    const first = expected[0];
    const cell = sheet.getRow(2).getCell(7).value as number;
    expect(Math.round(cell * 100)).toBe(first?.amountCents);
  });

  test('orders: sheet data, exact columns, every number as text', async () => {
    const book = await readXlsx(ordersWorkbook(view, ...MARCH));
    const sheet = book.getWorksheet('data') as ExcelJS.Worksheet;
    expect(rowValues(sheet, 1)).toEqual([...ORDERS_COLUMNS]);
    expect(sheet.rowCount - 1).toBe(view.orders(...MARCH).length);
    for (let r = 2; r <= sheet.rowCount; r++) {
      const values = rowValues(sheet, r);
      for (const v of values) expect(typeof v).toBe('string');
      expect(values[2]).toMatch(/^\d{8}$/);
      expect(values[14]).toMatch(/^\d+\.\d{2}$/);
    }
  });
});

/** Debian's python3 (apt-get install python3-xlrd), not whatever python3 comes first on the PATH. */
const PYTHON = '/usr/bin/python3';

function hasXlrd(): boolean {
  try {
    execFileSync(PYTHON, ['-c', 'import xlrd'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const XLRD_DUMP = `
import json, sys, xlrd
book = xlrd.open_workbook(sys.argv[1])
sheet = book.sheet_by_index(0)
print(json.dumps({"biff": book.biff_version, "sheets": book.sheet_names(),
  "rows": [[c.value for c in sheet.row(r)] for r in range(sheet.nrows)]}))
`;

describe('PREI BIFF8 .xls', () => {
  const bytes = preiWorkbook(view, ...MARCH);

  test('is a CFB (OLE2) container', () => {
    expect(bytes.subarray(0, 8).toString('hex')).toBe('d0cf11e0a1b11ae1');
  });

  test.skipIf(!hasXlrd())('read back by python3-xlrd: preamble, blank line, header, every row', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-xls-'));
    const file = join(dir, 'prei.xls');
    writeFileSync(file, bytes);
    const out = JSON.parse(execFileSync(PYTHON, ['-c', XLRD_DUMP, file], { encoding: 'utf8' })) as {
      biff: number;
      sheets: string[];
      rows: (string | number)[][];
    };
    expect(out.biff).toBe(80);
    expect(out.sheets).toEqual(['tblDocumentos']);
    expect(out.rows[0]?.[0]).toBe('INSTITUTO MEXICANO DEL SEGURO SOCIAL');
    expect(out.rows[2]?.[0]).toBe('Tipo de consulta: Por fechas');
    expect(out.rows[3]?.[0]).toBe('Número de proveedor: 0000412837');
    expect(out.rows[4]?.[0]).toBe('Fecha inicial: 01/03/2024');
    expect(out.rows[5]?.[0]).toBe('Fecha final: 31/03/2024');
    expect((out.rows[6] ?? []).every((v) => v === '')).toBe(true);
    expect(out.rows[7]).toEqual([...PREI_COLUMNS]);
    const expected = view.preiRows(...MARCH);
    expect(out.rows.length - 8).toBe(expected.length);
    expected.forEach((row, i) => {
      const got = out.rows[8 + i] ?? [];
      expect(got[0]).toBe(row.upload.documento);
      expect(String(got[1]).toUpperCase()).toBe(row.invoice.uuid);
      expect(Math.round(Number(got[3]) * 100)).toBe(row.invoice.totalCents);
      expect(got[6]).toBe(row.status.contraRecibo ?? ' ');
      expect(got[7]).toBe(row.status.state);
    });
    expect(out.rows.slice(8).some((r) => r[6] === ' ' && r[5] === ' ')).toBe(true);
  });
});

describe('world files on disk', () => {
  test('CFDI XML folder (4.0 and 3.3), PAQ workbook and answer key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-files-'));
    const old = generateWorld({ seed: 5, startDate: '2023-01-01', endDate: '2023-06-30', altasPerYear: 600 });
    const written = await writeWorldFiles(dir, old, '2023-06-30');
    const files = readdirSync(written.cfdiDir);
    expect(files.length).toBe(written.cfdiCount);
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });
    const versions = new Set<string>();
    let lowercase = 0;
    for (const name of files) {
      const xml = readFileSync(join(written.cfdiDir, name), 'utf8');
      const doc = parser.parse(xml)['cfdi:Comprobante'];
      versions.add(doc.Version);
      expect(doc['xmlns:cfdi']).toBe(
        doc.Version === '4.0' ? 'http://www.sat.gob.mx/cfd/4' : 'http://www.sat.gob.mx/cfd/3',
      );
      const tfd = doc['cfdi:Complemento']['tfd:TimbreFiscalDigital'];
      expect(tfd.UUID).toMatch(
        /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/,
      );
      if (tfd.UUID !== tfd.UUID.toUpperCase()) lowercase++;
      expect(name).toContain(tfd.UUID.toUpperCase());
      const concepts = [doc['cfdi:Conceptos']['cfdi:Concepto']].flat();
      const cents = concepts.reduce(
        (sum: number, c: { Importe: string }) => sum + Number(c.Importe.replace('.', '')),
        0,
      );
      expect(cents).toBe(Number(doc.SubTotal.replace('.', '')));
      expect(doc.Total).toBe(doc.SubTotal);
      expect(concepts[0].Descripcion).toMatch(/^\d{3} \d{3} \d{4} \d{2} \d{2} /);
      expect(doc['cfdi:Emisor'].Rfc).toBeTruthy();
      expect(doc['cfdi:Receptor'].Rfc).toBeTruthy();
    }
    expect(versions).toEqual(new Set(['3.3', '4.0']));
    expect(lowercase).toBeGreaterThan(0);

    const paq = await readXlsx(readFileSync(written.paqFile));
    const sheet = paq.getWorksheet('Reporte Paq') as ExcelJS.Worksheet;
    expect(rowValues(sheet, 1)).toEqual(['Folio', 'Referencia', 'Alta']);
    const key = JSON.parse(readFileSync(written.answerKeyFile, 'utf8'));
    expect(sheet.rowCount - 1).toBe(key.paq.length);
    expect(key.altas.length).toBe(worldAsOf(old, '2023-06-30').altas(0, dayFromIso('2023-06-30')).length);
  });
});
