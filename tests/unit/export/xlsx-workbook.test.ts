import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportView } from '../../../src/main/export/view-export';
import { withWorkbook } from '../../../src/main/export/xlsx-workbook';
import { DuckDbSession } from '../../../src/main/warehouse/duckdb/session';
import type { GridColumn } from '../../../src/shared/api';
import { syntheticReconciliation } from '../../integration/recon/synthetic-marts';

let dir: string;
let session: DuckDbSession;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'puente-xlsx-'));
  session = await DuckDbSession.open(':memory:');
  await syntheticReconciliation(session, 2_500);
});

afterAll(async () => {
  await session?.close();
  rmSync(dir, { recursive: true, force: true });
});

const COLUMNS: GridColumn[] = [
  { id: 'id', kind: 'text' },
  { id: 'amount', kind: 'money' },
  { id: 'day', kind: 'date' },
  { id: 'at', kind: 'timestamp' },
  { id: 'flag', kind: 'boolean' },
  { id: 'note', kind: 'text' },
];

async function* pages(rows: string[][]) {
  yield rows;
}

describe('the streaming xlsx writer', () => {
  const file = () => join(dir, 'cells.xlsx');

  beforeAll(async () => {
    await withWorkbook(file(), async (workbook) => {
      await workbook.addSheet(
        'cells',
        COLUMNS,
        pages([
          ['00504675', '1234567890123.45', '2025-06-30', '2025-06-30 13:45:10', 'true', 'A & B <c> "q"'],
          ['007', '-0.10', '', '', 'false', '  padded  '],
          ['x\u0001y\u001fz', 'not a number', 'someday', '', '', ''],
        ]),
      );
      await workbook.addSheet('second: [b]', [{ id: 'n', kind: 'number' }], pages([['42']]));
    });
  });

  it('is read back by SheetJS: ids as text, exact amounts, real dates, empty cells in place', () => {
    const book = XLSX.read(readFileSync(file()), { cellDates: true, cellNF: true });
    expect(book.SheetNames).toEqual(['cells', 'second_ _b_']);
    const sheet = book.Sheets.cells;
    if (!sheet) throw new Error('no sheet');
    expect(sheet.A2).toMatchObject({ t: 's', v: '00504675' });
    expect(sheet.B2).toMatchObject({ t: 'n', v: 1234567890123.45, z: '"$"#,##0.00;-"$"#,##0.00' });
    expect((sheet.C2?.v as Date | undefined)?.toISOString()).toBe('2025-06-30T00:00:00.000Z');
    expect((sheet.D2?.v as Date | undefined)?.toISOString()).toBe('2025-06-30T13:45:10.000Z');
    expect(sheet.E2).toMatchObject({ t: 'b', v: true });
    expect(sheet.F2?.v).toBe('A & B <c> "q"');
    expect(sheet.A3?.v).toBe('007');
    expect(sheet.B3?.v).toBe(-0.1);
    expect(sheet.C3).toBeUndefined();
    expect(sheet.E3).toMatchObject({ t: 'b', v: false });
    expect(sheet.F3?.v).toBe('  padded  ');
    // XML cannot carry control characters: they are dropped; unreadable numbers and dates stay text.
    expect(sheet.A4?.v).toBe('xyz');
    expect(sheet.B4).toMatchObject({ t: 's', v: 'not a number' });
    expect(sheet.C4).toMatchObject({ t: 's', v: 'someday' });
    expect(sheet.F4).toBeUndefined();
    expect(book.Sheets['second_ _b_']?.A2?.v).toBe(42);
  });

  it('is read back by exceljs with the header frozen and bold and an autofilter', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file());
    const sheet = book.getWorksheet('cells');
    if (!sheet) throw new Error('no sheet');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBe('A1:F1');
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.getRow(2).getCell(1).numFmt).toBe('@');
    expect(sheet.getRow(3).getCell(6).value).toBe('  padded  ');
    expect(sheet.rowCount).toBe(4);
  });
});

describe('a sheet that fills up', () => {
  it('continues on "name (2)", "name (3)" ..., each with its header, no row lost or repeated', async () => {
    const out = join(dir, 'parts.xlsx');
    const ids = Array.from({ length: 7 }, (_, index) => [String(index).padStart(3, '0')]);
    async function* twoPages() {
      yield ids.slice(0, 4);
      yield ids.slice(4);
    }
    const written = await withWorkbook(out, (workbook) =>
      workbook.addSheet('reconciliation', [{ id: 'id', kind: 'text' }], twoPages(), 3),
    );
    expect(written).toBe(7);
    const book = XLSX.read(readFileSync(out));
    expect(book.SheetNames).toEqual(['reconciliation', 'reconciliation (2)', 'reconciliation (3)']);
    const read = book.SheetNames.map((name) =>
      XLSX.utils.sheet_to_json<{ id: string }>(book.Sheets[name] as XLSX.WorkSheet).map((row) => row.id),
    );
    expect(read).toEqual([['000', '001', '002'], ['003', '004', '005'], ['006']]);
  });
});

describe('exportView', () => {
  it('writes the grid selection in its sort order with only the chosen columns', async () => {
    const out = join(dir, 'view.xlsx');
    const rows = await exportView(
      session,
      {
        view: 'reconciliation',
        sort: [{ colId: 'alta_amount', sort: 'desc' }],
        filters: { lifecycle_status: { filterType: 'text', type: 'equals', filter: 'Pagado' } },
        columns: ['no_alta', 'alta_amount', 'fecha_alta', 'exception_reason', 'prei_documento'],
      },
      out,
    );
    // Statuses cycle over four values: a quarter of 2,500 rows is Pagado (i % 4 = 0).
    expect(rows).toBe(625);
    const sheet = XLSX.read(readFileSync(out)).Sheets.reconciliation;
    if (!sheet) throw new Error('no sheet');
    const read = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1 });
    expect(read[0]).toEqual(['no_alta', 'alta_amount', 'fecha_alta', 'exception_reason', 'prei_documento']);
    expect(read).toHaveLength(626);
    // Highest amount among i % 4 = 0: i % 1000 = 996 -> 996.25; ties by row_id ascending.
    expect(read[1]?.slice(0, 2)).toEqual(['058001-0000996', 996.25]);
    expect(read[2]?.slice(0, 2)).toEqual(['058001-0001996', 996.25]);
    const amounts = read.slice(1).map((row) => Number(row[1]));
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    // The null exception_reason leaves its cell empty; the id after it keeps its leading zeros.
    expect(sheet.D2).toBeUndefined();
    expect(sheet.E2).toMatchObject({ t: 's', v: '00000996' });
  });

  it('refuses a view whose key repeats instead of writing duplicate rows, and leaves no file', async () => {
    await session.run('INSERT INTO marts.reconciliation SELECT * FROM marts.reconciliation LIMIT 1');
    try {
      const out = join(dir, 'dup.xlsx');
      await expect(exportView(session, { view: 'reconciliation', columns: ['row_id'] }, out)).rejects.toThrow(
        /does not identify a row/,
      );
      expect(existsSync(out)).toBe(false);
    } finally {
      await session.run(
        `DELETE FROM marts.reconciliation WHERE rowid = (SELECT max(rowid) FROM marts.reconciliation)`,
      );
    }
  });
});
