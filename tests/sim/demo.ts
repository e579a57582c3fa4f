import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Simulator } from './index';

/**
 * The demo's glue: it plays the analyst in front of the simulated portals. It points the app's
 * settings at the simulator, puts the demo passwords in the vault (as `puente credentials set`
 * would), lays the supplier's local files (CFDI folder, PAQ workbook) in the data dir, and solves
 * SAI's captcha the way a person would, reading the text through the simulator's test hook.
 */
export interface DemoApp {
  dataDir: { root: string };
  settings(): Record<string, unknown> & { portals: Record<string, unknown> };
  updateSettings(next: unknown): unknown;
  vault: { set(name: string, value: string): Promise<void> };
}

export async function configureDemo(app: DemoApp, sim: Simulator): Promise<void> {
  const sources = join(app.dataDir.root, 'demo-sources');
  const files = await sim.writeWorldFiles(sources);
  const current = app.settings();
  app.updateSettings({
    ...current,
    portals: {
      ...current.portals,
      sai: { url: sim.saiUrl, user: sim.credentials.sai.user, windowDays: 31 },
      prei: {
        url: sim.preiUrl,
        user: sim.credentials.prei.user,
        supplierNumber: sim.credentials.prei.supplierNumber,
        windowDays: 31,
      },
      backfillFrom: sim.world.params.startDate,
      pacingMs: 0,
      maxRequestsPerMinute: 10_000,
    },
    cfdiFolders: [files.cfdiDir],
    paqWorkbook: { file: files.paqFile, sheet: 'Reporte Paq' },
  });
  await app.vault.set('portal:sai:password', sim.credentials.sai.password);
  await app.vault.set('portal:prei:password', sim.credentials.prei.password);
}

/** Solves SAI's captcha in the page as a person would: reads the image's text, types it, verifies. */
export async function solveCaptchaAsPerson(sim: Simulator, page: Page): Promise<void> {
  const id = (await page.locator('#captchaFrame').getAttribute('data-captcha-id')) ?? '';
  const captcha = page.frameLocator('#captchaFrame');
  await captcha.getByLabel('Escriba el texto de la imagen').fill(sim.testHooks.captchaAnswer(id) ?? '');
  await captcha.getByRole('button', { name: 'Verificar' }).click();
}
