import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/main/app/create-app';
import { launchOptions, resolveBrowser } from '../../src/main/portals/browser';
import type { CaptchaRequest } from '../../src/main/portals/types';
import { type RunningServer, startServer } from '../../src/main/server/http-server';
import { configureDemo, solveCaptchaAsPerson } from '../sim/demo';
import { type Simulator, startSimulator } from '../sim/index';

const rendererDir = resolve(__dirname, '..', '..', 'out', 'renderer');
const SHOTS = process.env.PUENTE_SHOTS;

let sim: Simulator;
let app: App;
let server: RunningServer;
let browser: Browser;
let page: Page;
let dataDir: string;
const problems: string[] = [];
const captchas: CaptchaRequest[] = [];
let showCaptcha: () => void = () => undefined;
const captchaShown = new Promise<void>((resolve) => {
  showCaptcha = resolve;
});

beforeAll(async () => {
  if (!existsSync(join(rendererDir, 'index.html'))) throw new Error('run `npm run build` first');
  // A small world; PREI answers an HTML page instead of its .xls, so its one window is quarantined.
  sim = await startSimulator({
    world: { seed: 11, startDate: '2025-01-01', endDate: '2025-03-31', altasPerYear: 600 },
    asOf: '2025-03-31',
    testMode: true,
    faults: { sai: { exportDelayMs: 50 }, prei: { ajaxDelayMs: 20, htmlInsteadOfFile: true } },
  });
  dataDir = mkdtempSync(join(tmpdir(), 'puente-sync-page-'));
  app = createApp({ dataDir, env: { PUENTE_VAULT_KEY: 'sync-page-test' }, logOut: new PassThrough() });
  await configureDemo(app, sim);
  server = await startServer(app, {
    port: 0,
    rendererDir,
    hooks: {
      today: () => sim.asOf,
      tuning: { canShowWindow: false, attempts: 1 },
      // The person: solves the captcha only once the page has shown the prompt.
      onCaptcha: async (request) => {
        captchas.push(request);
        await captchaShown;
        await solveCaptchaAsPerson(sim, request.page);
      },
    },
  });
  browser = await chromium.launch(launchOptions(resolveBrowser(undefined), true));
  page = await (await browser.newContext({ viewport: { width: 1440, height: 1000 } })).newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await app?.close();
  await sim?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const shot = async (name: string) => {
  if (SHOTS) await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
};

describe('the Sync page in Chromium (browser mode, simulated portals)', () => {
  it('syncs March from the page: captcha prompt, bars to the end, history, quarantine and loads', async () => {
    await page.getByRole('navigation').getByRole('button', { name: 'Sincronizar' }).click();
    await page.getByRole('heading', { name: 'Sincronizar', level: 1 }).waitFor();
    await page.getByLabel('Desde').fill('2025-03-01');
    await page.getByLabel('Hasta').fill('2025-03-31');
    await page.getByRole('button', { name: 'Sincronizar ahora' }).click();

    const dialog = page.getByRole('dialog', { name: /captcha \(SAI\)/ });
    await dialog.waitFor({ timeout: 30_000 });
    expect(await dialog.textContent()).toMatch(/Tiempo restante: \d+:\d\d/);
    // The instruction is the app's own, translated; the core's English sentence stays in the log.
    expect(await dialog.textContent()).toMatch(
      captchas[0]?.visible
        ? /ventana del navegador que abrió Puente/
        : /Aquí no se puede mostrar una ventana/,
    );
    expect(await dialog.textContent()).not.toMatch(/asks for a captcha/);
    await shot('sync-captcha');
    // While the run waits for the person, a second sync is refused with a clear error.
    const second = await fetch(new URL('/api/call', server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-puente-token': server.token },
      body: JSON.stringify({ method: 'sync.run', input: {} }),
    });
    expect(second.status).toBe(400);
    expect(((await second.json()) as { error: { message: string } }).error.message).toMatch(
      /already running/,
    );
    expect(await page.getByRole('button', { name: 'Sincronización en curso' }).isDisabled()).toBe(true);
    showCaptcha();
    await dialog.waitFor({ state: 'hidden', timeout: 30_000 });
    expect(captchas.map((request) => request.portal)).toEqual(['sai']);

    for (const step of ['extract', 'stage', 'ingest', 'build'])
      await expect
        .poll(() => page.getByTestId(`step-${step}`).getAttribute('data-state'), { timeout: 90_000 })
        .toBe('done');
    expect(await page.getByTestId('source-sai_altas').getAttribute('data-state')).toBe('done');
    expect(await page.getByTestId('source-prei').getAttribute('data-state')).toBe('failed');
    const bar = page.getByTestId('step-ingest').locator('progress');
    expect(await bar.getAttribute('value')).toBe(await bar.getAttribute('max'));

    // The run is in the history, failed because of PREI's unreadable file.
    const history = page.getByTestId('run-history');
    await expect.poll(() => history.locator('tbody tr').first().textContent()).toMatch(/Fallida/);
    expect(await history.locator('tbody tr').first().textContent()).toMatch(/prei/);

    const quarantined = page.getByTestId('quarantined-files');
    await expect.poll(() => quarantined.textContent()).toContain('html_instead_of_xls');
    expect(await quarantined.textContent()).toContain('2025-03-01 – 2025-03-31');

    const staged = page.getByTestId('staged-files');
    await expect.poll(() => staged.locator('tbody tr').count()).toBeGreaterThan(2);
    expect(await staged.textContent()).toContain('sai_altas');
    expect(await staged.locator('.chip-load-loaded').count()).toBe(await staged.locator('tbody tr').count());

    expect(await page.getByTestId('sync-log').textContent()).toMatch(/sync started/);
    // Browser mode shows the failed sync as a toast.
    await page.locator('.toast[data-kind="sync_failed"]').waitFor();
    expect(await page.locator('body').textContent()).not.toContain(sim.credentials.sai.password);
    await shot('sync-done');
  }, 150_000);

  it('Settings: a password goes to the vault and never comes back; the test buttons report what they checked', async () => {
    await page.getByRole('navigation').getByRole('button', { name: 'Configuración' }).click();
    const prei = page.getByTestId('settings-portals.prei');
    await prei.getByLabel('Contraseña').fill(sim.credentials.prei.password);
    const answers: string[] = [];
    page.on('response', (response) => {
      if (response.url().includes('/api/'))
        void response.text().then(
          (text) => answers.push(text),
          () => undefined,
        );
    });
    await prei.getByRole('button', { name: 'Guardar contraseña' }).click();
    await expect
      .poll(() => prei.getByTestId('secret-prei').textContent())
      .toBe('Guardada en la bóveda de credenciales');
    expect(await prei.getByLabel('Contraseña').inputValue()).toBe('');
    await prei.getByRole('button', { name: 'Probar acceso' }).click();
    await expect
      .poll(() => prei.getByTestId('test-portal:prei').textContent(), { timeout: 30_000 })
      .toMatch(/^Correcto .*signed in to PREI as PUENTE01/);
    await page.getByRole('button', { name: 'Probar área de preparación' }).click();
    await expect
      .poll(() => page.getByTestId('test-stage').textContent())
      .toMatch(/^Correcto .*5 staged files/);
    await page.getByRole('button', { name: 'Probar almacén (SELECT 1)' }).click();
    await expect.poll(() => page.getByTestId('test-warehouse').textContent()).toMatch(/^Correcto .*SELECT 1/);
    await page.getByTestId('settings-schedule').getByLabel('Sincronizar todos los días').check();
    await page.getByTestId('settings-schedule').getByRole('button', { name: 'Guardar' }).click();
    await expect.poll(() => app.settings().schedule.enabled).toBe(true);
    await shot('settings');
    expect(answers.join('\n')).not.toContain(sim.credentials.prei.password);
    expect(answers.join('\n')).not.toContain(sim.credentials.sai.password);
  });

  it('switches the language and the Sync page follows', async () => {
    await page.getByRole('navigation').getByRole('button', { name: 'Configuración' }).click();
    await page.getByLabel('Idioma').selectOption('en');
    await page.getByRole('navigation').getByRole('button', { name: 'Sync' }).click();
    await page.getByRole('heading', { name: 'Run history' }).waitFor();
    await page.getByRole('button', { name: 'Sync now' }).waitFor();
    // The schedule saved by the previous test reaches the page as a pushed status event: wait for it.
    await expect
      .poll(() => page.getByTestId('next-scheduled').textContent())
      .toMatch(/^Next scheduled sync: .*6:30/);
    expect(await page.getByTestId('staged-files').textContent()).toContain('Loaded');
    expect(await page.getByTestId('step-build').textContent()).toContain('Models');
    await shot('sync-en');
    await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Language').selectOption('es-MX');
    await page.getByRole('navigation').getByRole('button', { name: 'Resumen' }).waitFor();
  });

  it('ran under the strict CSP without a console error', () => {
    expect(problems).toEqual([]);
  });
});
