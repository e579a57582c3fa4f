import { existsSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchOptions } from '../../src/main/portals/browser';
import { type Simulator, startSimulator } from './index';
import { TOO_MANY_MESSAGE } from './portals/prei';
import { dayFromIso } from './world/days';

// Drives both portals in a real Chromium, as the extractor will (see README.md for the page contract).
const CHROMIUM = '/usr/bin/chromium';

let sim: Simulator;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  sim = await startSimulator({
    world: { seed: 31, startDate: '2024-01-01', endDate: '2024-12-31', altasPerYear: 3000 },
    asOf: '2024-11-30',
    faults: { sai: { exportDelayMs: 600 }, prei: { ajaxDelayMs: 300 } },
  });
  browser = await chromium.launch(
    launchOptions({ executablePath: CHROMIUM, source: 'system chromium' }, true),
  );
});
afterAll(async () => {
  await browser?.close();
  await sim?.close();
});

async function saiLogin(page: Page): Promise<void> {
  await page.goto(`${sim.saiUrl}/login`);
  const captchaId = (await page.locator('#captchaFrame').getAttribute('data-captcha-id')) ?? '';
  const captcha = page.frameLocator('#captchaFrame');
  await captcha
    .getByLabel('Escriba el texto de la imagen')
    .fill(sim.testHooks.captchaAnswer(captchaId) ?? '');
  await captcha.getByRole('button', { name: 'Verificar' }).click();
  await page.waitForFunction(() => !(document.getElementById('btnIngresar') as HTMLButtonElement).disabled);
  await page.getByLabel('Usuario').fill(sim.credentials.sai.user);
  await page.getByLabel('Contraseña').fill(sim.credentials.sai.password);
  await page.getByRole('button', { name: 'Iniciar sesión' }).click();
  await page.waitForURL('**/app');
}

describe('SAI in Chromium', () => {
  test('captcha login, hover menu, date inputs with events, Consultar, Exportar, download', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await saiLogin(page);
    await expect(page.getByRole('link', { name: 'Altas' }).isVisible()).resolves.toBe(false);
    await page.hover('#menuConsultas');
    await page.getByRole('link', { name: 'Altas' }).click();
    await page.waitForURL('**/app/altas');

    // A value set without input events does not reach the form model.
    await page.evaluate(() => {
      (document.getElementById('fechaInicial') as HTMLInputElement).value = '01/03/2024';
      (document.getElementById('fechaFinal') as HTMLInputElement).value = '31/03/2024';
    });
    await page.getByRole('button', { name: 'Consultar' }).click();
    await expect(page.locator('#mensaje').textContent()).resolves.toBe(
      'Capture la fecha inicial y la fecha final.',
    );

    await page.getByLabel('Fecha inicial').fill('01/03/2024');
    await expect(page.getByRole('dialog', { name: 'Calendario' }).isVisible()).resolves.toBe(true);
    await page.getByLabel('Fecha final').fill('31/03/2024');
    // The open date-picker covers Consultar until Escape closes it.
    await expect(page.getByRole('button', { name: 'Consultar' }).click({ timeout: 500 })).rejects.toThrow();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Consultar' }).click();
    await page.waitForFunction(() => document.getElementById('total')?.textContent !== '0');
    const total = Number(await page.locator('#total').textContent());
    const march = sim.view().altas(dayFromIso('2024-03-01'), dayFromIso('2024-03-31'));
    expect(total).toBe(march.length + march.filter((a) => a.duplicatedInExport).length);

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Exportar' }).click();
    await expect(page.getByRole('button', { name: 'Generando...' }).isDisabled()).resolves.toBe(true);
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^altas_export_\d{13}\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await download.path());
    expect(book.getWorksheet('data')?.rowCount).toBe(total + 1);
    await page.waitForFunction(() => !(document.getElementById('btnExportar') as HTMLButtonElement).disabled);

    // Session expiry mid-run: the next query shows the expired-session notice.
    sim.testHooks.expireSessions('sai');
    await page.getByRole('button', { name: 'Consultar' }).click();
    await page.getByText('Su sesión ha expirado').waitFor();
    await context.close();
  });
});

describe('PREI in Chromium', () => {
  test('announcement, login, Pagos menu, masked dates, the three outcomes, the .xls download', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(sim.preiUrl);
    // The announcement's overlay intercepts clicks until it is closed.
    await expect(page.getByLabel('Usuario').click({ timeout: 500 })).rejects.toThrow();
    await page.getByRole('dialog').getByRole('button', { name: 'Cerrar' }).click();
    await page.getByLabel('Usuario').fill(sim.credentials.prei.user);
    await page.getByLabel('Contraseña').fill(sim.credentials.prei.password);
    await page.getByRole('button', { name: 'Ingresar' }).click();
    await page.waitForURL('**/PREI/inicio.jsf');
    await page.getByRole('menuitem', { name: 'Pagos' }).click();
    await page.getByRole('menuitem', { name: 'Facturas vs CR' }).click();
    await page.waitForURL('**/facturasVsCR.jsf');

    const start = page.getByLabel('Fecha inicial');
    await start.click();
    await expect(start.inputValue()).resolves.toBe('__/__/____');
    await start.pressSequentially('01012024');
    await expect(start.inputValue()).resolves.toBe('01/01/2024');
    await page.getByLabel('Fecha final').fill('30/11/2024');
    await page.getByRole('button', { name: 'Buscar' }).click();
    await expect(page.locator('#ajaxStatus').isVisible()).resolves.toBe(true);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toBe(TOO_MANY_MESSAGE);
    await expect(page.getByRole('link', { name: 'Exportar a Excel' }).isVisible()).resolves.toBe(false);

    await start.fill('07/04/2024');
    await page.getByLabel('Fecha final').fill('07/04/2024');
    await page.getByRole('button', { name: 'Buscar' }).click();
    await page.getByText('No se encontraron resultados.').waitFor();

    await start.fill('04/03/2024');
    await page.getByLabel('Fecha final').fill('08/03/2024');
    await page.getByRole('button', { name: 'Buscar' }).click();
    const excel = page.getByRole('link', { name: 'Exportar a Excel' });
    await excel.waitFor();
    const shown = await page.locator('table.ui-datatable tbody tr').count();
    expect(shown).toBe(sim.view().preiRows(dayFromIso('2024-03-04'), dayFromIso('2024-03-08')).length);
    const downloading = page.waitForEvent('download');
    await excel.click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('[FacturaVsCR][0000412837][04-03-2024][08-03-2024].xls');
    await context.close();
  });
});
