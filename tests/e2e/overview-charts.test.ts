import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alta } from '../integration/models/crafted-world';
import { craftedWarehouse } from '../integration/recon/crafted-warehouse';
import { type AppInBrowser, openAppInBrowser } from './app-support';

let ui: AppInBrowser;
let page: Page;
const expected = { months: 0, buckets: 0 };

beforeAll(async () => {
  ui = await openAppInBrowser(async (file) => {
    const session = await craftedWarehouse(file);
    const [marts] = await session.all(
      `SELECT (SELECT count(DISTINCT month) FROM marts.collection_funnel) AS months,
              (SELECT count(DISTINCT bucket) FROM marts.aging) AS buckets`,
    );
    expected.months = Number(marts?.months);
    expected.buckets = Number(marts?.buckets);
    return session;
  });
  page = ui.page;
});

afterAll(async () => {
  await ui?.close();
});

const count = () => page.getByTestId('grid-count').textContent();
const openReconciliation = () =>
  page.getByRole('navigation').getByRole('button', { name: 'Conciliación' }).click();

describe('overview charts and saved grid views in Chromium (browser mode, crafted world)', () => {
  it('shows the funnel by month and the aging, one bar per month and per bucket', async () => {
    const funnel = page.getByTestId('chart-funnel');
    const aging = page.getByTestId('chart-aging');
    await funnel.waitFor();
    expect(expected.months).toBeGreaterThan(0);
    expect(expected.buckets).toBeGreaterThan(0);
    expect(await funnel.getByTestId('chart-bar').count()).toBe(expected.months);
    expect(await aging.getByTestId('chart-bar').count()).toBe(expected.buckets);
    expect(await funnel.locator('svg > title').textContent()).toBe('Embudo de cobranza por mes');
    expect(await aging.locator('table caption').textContent()).toBe('Antigüedad de altas sin pagar');
    expect(await aging.locator('svg').textContent()).toMatch(/\$[\d,]+\.\d{2}/);
    expect(ui.problems).toEqual([]);
  });

  it('saves the grid filter as a view that survives a reload and re-applies it', async () => {
    await openReconciliation();
    await page.getByTestId('grid-reconciliation').locator('[role="gridcell"]').first().waitFor();
    const unfiltered = await count();
    await page
      .getByTestId('grid-reconciliation')
      .locator('.ag-header-cell[col-id="no_alta"] .ag-header-cell-filter-button')
      .click();
    await page.locator('.ag-filter input[type="text"]').first().fill(alta(5));
    await expect.poll(count).not.toBe(unfiltered);
    const filtered = await count();
    await page.keyboard.press('Escape');
    await page.getByLabel('Nombre de la vista').fill('Solo alta 5');
    await page.getByRole('button', { name: 'Guardar vista' }).click();
    await expect.poll(() => page.getByTestId('saved-views-status').textContent()).toMatch(/guardada/);

    await page.reload();
    await openReconciliation();
    await expect.poll(count).toBe(unfiltered);
    await page.getByLabel('Vista guardada', { exact: true }).selectOption('Solo alta 5');
    await page.getByRole('button', { name: 'Aplicar' }).click();
    await expect.poll(count).toBe(filtered);
    const ids = await page
      .getByTestId('grid-reconciliation')
      .locator('[role="gridcell"][col-id="no_alta"]')
      .allTextContents();
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((id) => id.includes(alta(5)))).toBe(true);

    await page.getByRole('button', { name: 'Eliminar' }).click();
    // A hand-edited entry that does not validate is never offered.
    await page.evaluate(() =>
      localStorage.setItem('puente.savedView.reconciliation.Roto', '{"name":"Roto"}'),
    );
    await page.reload();
    await openReconciliation();
    expect(
      await page.getByLabel('Vista guardada', { exact: true }).locator('option').allTextContents(),
    ).toEqual(['Elige una vista']);
    expect(ui.problems).toEqual([]);
  });
});
