import Decimal from 'decimal.js';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alta } from '../integration/models/crafted-world';
import { craftedWarehouse } from '../integration/recon/crafted-warehouse';
import { type AppInBrowser, openAppInBrowser } from './app-support';

let ui: AppInBrowser;
let page: Page;

beforeAll(async () => {
  ui = await openAppInBrowser(craftedWarehouse);
  page = ui.page;
});

afterAll(async () => {
  await ui?.close();
});

const grid = (view: string) => page.getByTestId(`grid-${view}`);
const count = () => page.getByTestId('grid-count').textContent();
const cell = (view: string, text: string) => grid(view).locator('[role="gridcell"]', { hasText: text });

async function download(button: string): Promise<ExcelJS.Workbook> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button }).click(),
  ]);
  const path = await file.path();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
}

/** Rows of a sheet as objects keyed by the header row. */
function sheetRows(sheet: ExcelJS.Worksheet): Array<Record<string, ExcelJS.CellValue>> {
  const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
  const rows: Array<Record<string, ExcelJS.CellValue>> = [];
  sheet.eachRow((row, index) => {
    if (index === 1) return;
    rows.push(Object.fromEntries(header.map((name, column) => [name, row.getCell(column + 1).value])));
  });
  return rows;
}

const sum = (values: ExcelJS.CellValue[]) =>
  values
    .reduce((total: Decimal, value) => total.plus(value === null ? 0 : String(value)), new Decimal(0))
    .toFixed(2);

describe('the analyst journey in Chromium (browser mode, crafted world)', () => {
  it('shows the overview tiles from the marts', async () => {
    await page.getByTestId('overview-tiles').waitFor();
    expect(await page.getByTestId('overview-tiles').textContent()).toContain('Cobrado');
  });

  it('filters the worklist to one reason, confirms a suggested match and sees it leave after the rebuild', async () => {
    await page.getByRole('navigation').getByRole('button', { name: 'Pendientes' }).click();
    await cell('unmatched_invoices', alta(5)).first().waitFor();
    await page.getByLabel('Motivo').selectOption('alta_without_invoice');
    await expect.poll(count).toMatch(/^2 filas/);
    await page.getByLabel('Motivo').selectOption('suggested_matches');
    await cell('reconciliation', alta(2)).first().waitFor();
    const before = Number((await count())?.match(/\d+/)?.[0]);
    await grid('reconciliation')
      .locator('.ag-row', { hasText: alta(2) })
      .locator('input[type="checkbox"]')
      .first()
      .check();
    await expect.poll(() => page.getByTestId('selected-count').textContent()).toBe('1 seleccionado');
    await page.getByLabel('Nota (por qué)').fill('mismo lote y fecha');
    await page.getByRole('button', { name: 'Confirmar coincidencia' }).click();
    await expect
      .poll(() => page.getByTestId('worklist-status').textContent(), { timeout: 20_000 })
      .toMatch(/Decisión registrada/);
    await expect.poll(count).toBe(`${before - 1} filas`);
    expect(await grid('reconciliation').textContent()).not.toContain(alta(2));
    // The decision, its author and its reason are in the chain of the alta.
    await page.getByRole('navigation').getByRole('button', { name: 'Conciliación' }).click();
    await cell('reconciliation', alta(2)).first().click();
    await page.getByTestId('detail-panel').getByText('mismo lote y fecha').waitFor();
  });

  it('is usable with the keyboard alone: choose a reason, select a row with Space, add a note', async () => {
    await page.getByRole('navigation').getByRole('button', { name: 'Pendientes' }).focus();
    await page.keyboard.press('Enter');
    const reason = page.getByLabel('Motivo');
    await reason.waitFor();
    const tabTo = async (check: () => Promise<boolean>, key = 'Tab') => {
      for (let step = 0; step < 40 && !(await check()); step++) await page.keyboard.press(key);
      expect(await check()).toBe(true);
    };
    const focused = (selector: string) =>
      page.evaluate((css) => document.activeElement?.matches(css) ?? false, selector);
    await tabTo(() => reason.evaluate((element) => element === document.activeElement));
    // Keyboard selection of an option in a focused <select> (ArrowDown moves through the options).
    await reason.press('ArrowDown');
    await reason.press('ArrowDown');
    await expect.poll(() => reason.inputValue()).toBe('missing_from_prei');
    await expect.poll(count).toMatch(/^4 filas/);
    await tabTo(() => focused('[role="gridcell"]'));
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByTestId('selected-count').textContent()).toBe('1 seleccionado');
    await tabTo(() => focused('textarea'), 'Shift+Tab');
    await page.keyboard.type('llamar a la unidad');
    await tabTo(() =>
      page.getByRole('button', { name: 'Agregar nota' }).evaluate((b) => b === document.activeElement),
    );
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('worklist-status').textContent(), { timeout: 20_000 })
      .toMatch(/Decisión registrada/);
    const warehouse = await ui.app.warehouse();
    const notes = await warehouse.all(
      "SELECT action, alta FROM app.decisions WHERE note = 'llamar a la unidad'",
    );
    expect(notes).toEqual([{ action: 'note', alta: expect.stringMatching(/^058001-/) }]);
  });

  it('exports "what I see" with the grid\'s filter, and the totals equal the grid\'s', async () => {
    await page.getByRole('navigation').getByRole('button', { name: 'Conciliación' }).click();
    await cell('reconciliation', alta(1)).first().waitFor();
    await page.getByLabel('Búsqueda rápida').fill('U220749');
    await expect.poll(count).toMatch(/filas/);
    const gridRows = Number((await count())?.match(/\d+/)?.[0]);
    const gridTotal = await page.getByTestId('grid-total-alta_amount').getAttribute('data-value');
    const workbook = await download('Exportar lo que veo');
    const sheet = workbook.getWorksheet('reconciliation');
    if (!sheet) throw new Error('no reconciliation sheet');
    const rows = sheetRows(sheet);
    expect(rows).toHaveLength(gridRows);
    expect(sum(rows.map((row) => row.alta_amount ?? null))).toBe(gridTotal);
    // Visible columns only (hidden lineage columns stay out), ids as text.
    expect(Object.keys(rows[0] ?? {})).not.toContain('row_id');
    expect(rows.find((row) => row.no_alta === alta(1))).toMatchObject({
      contra_recibo: '00504675',
      unidad_negocio: '00058',
    });
  });

  it('exports the full workbook: the summary ties out to every sheet, leading zeros and real dates survive', async () => {
    const workbook = await download('Exportar conciliación completa');
    const summary = workbook.getWorksheet('Summary');
    if (!summary) throw new Error('no Summary sheet');
    const lines = sheetRows(summary);
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) {
      const sheet = workbook.getWorksheet(String(line.sheet));
      if (!sheet) throw new Error(`no sheet ${line.sheet}`);
      const rows = sheetRows(sheet);
      expect(rows.length, String(line.sheet)).toBe(line.rows);
      if (line.money_column) {
        expect(
          sum(rows.map((row) => row[String(line.money_column)] ?? null)),
          `${line.sheet}.${line.money_column}`,
        ).toBe(new Decimal(String(line.total)).toFixed(2));
      }
    }
    const byStatus = sheetRows(workbook.getWorksheet('By status') as ExcelJS.Worksheet);
    const grand = byStatus.pop();
    expect(sum(byStatus.map((row) => row.alta_amount ?? null))).toBe(
      new Decimal(String(grand?.alta_amount)).toFixed(2),
    );
    const recon = sheetRows(workbook.getWorksheet('reconciliation') as ExcelJS.Worksheet);
    const paid = recon.find((row) => row.no_alta === alta(1));
    expect(paid).toMatchObject({
      contra_recibo: '00504675',
      unidad_negocio: '00058',
      clas_ptal_recep: '058001000000',
    });
    const fechaAlta = paid?.fecha_alta;
    expect(fechaAlta).toBeInstanceOf(Date);
    expect((fechaAlta as Date).toISOString().slice(0, 10)).toBe('2025-06-20');
    const reconSheet = workbook.getWorksheet('reconciliation') as ExcelJS.Worksheet;
    expect(reconSheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(reconSheet.autoFilter).toBeTruthy();
  });

  it('switches the language and the grids follow', async () => {
    await page.getByRole('navigation').getByRole('button', { name: 'Configuración' }).click();
    await page.getByLabel('Idioma').selectOption('en');
    await page.getByRole('navigation').getByRole('button', { name: 'Reconciliation' }).click();
    await grid('reconciliation').getByRole('columnheader', { name: 'Status' }).first().waitFor();
    await expect.poll(count).toMatch(/rows$/);
    expect(await page.getByTestId('grid-total-alta_amount').textContent()).toMatch(
      /Alta amount: MX\$[\d,]+\.\d\d/,
    );
    await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Language').selectOption('es-MX');
    await page.getByRole('navigation').getByRole('button', { name: 'Resumen' }).waitFor();
  });

  it('ran under the strict CSP without a console error', () => {
    expect(ui.problems).toEqual([]);
  });
});
