import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbSession } from '../../src/main/warehouse/duckdb/session';
import { syntheticReconciliation } from '../integration/recon/synthetic-marts';
import { type AppInBrowser, openAppInBrowser } from './app-support';

let ui: AppInBrowser;
let page: Page;

beforeAll(async () => {
  ui = await openAppInBrowser(async (file) => {
    const session = await DuckDbSession.open(file);
    await syntheticReconciliation(session, 1_000_000);
    return session;
  });
  page = ui.page;
});

afterAll(async () => {
  await ui?.close();
});

const grid = () => page.getByTestId('grid-reconciliation');
const count = () => page.getByTestId('grid-count').textContent();

describe('the reconciliation grid at a million rows (Chromium, browser mode)', () => {
  it('scrolls to the last row with the keyboard and filters', async () => {
    await page.getByRole('navigation').getByRole('button', { name: 'Conciliación' }).click();
    await grid().locator('[role="gridcell"]', { hasText: '058001-0000000' }).first().click();
    await expect.poll(count).toBe('1,000,000 filas');
    await page.keyboard.press('Control+End');
    await grid()
      .locator('[role="gridcell"]', { hasText: '058001-0999999' })
      .first()
      .waitFor({ timeout: 20_000 });
    expect(await grid().locator('[role="row"][aria-rowindex="1000001"]').count()).toBeGreaterThan(0);

    await page.getByLabel('Búsqueda rápida').fill('0999998');
    await expect.poll(count, { timeout: 20_000 }).toBe('1 fila');
    await grid().locator('[role="gridcell"]', { hasText: '058001-0999998' }).first().waitFor();
    expect(await page.getByTestId('grid-total-alta_amount').getAttribute('data-value')).toBe('998.25');
  });
});
