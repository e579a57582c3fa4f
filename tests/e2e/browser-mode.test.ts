import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchOptions, resolveBrowser } from '../../src/main/portals/browser';
import { type RunningServer, startServer } from '../../src/main/server/http-server';
import { apiCall, rawRequest } from '../unit/server/raw-http';
import { testApp } from '../unit/server/test-app';

const rendererDir = resolve(__dirname, '..', '..', 'out', 'renderer');

describe('browser mode in Chromium', () => {
  let fixture: ReturnType<typeof testApp>;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  /** Console errors and CSP violations: the shell must load under its strict policy without any. */
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(join(rendererDir, 'index.html'))) {
      throw new Error(
        `${rendererDir}/index.html is missing: run \`npm run build\` first (\`npm test\` does).`,
      );
    }
    fixture = testApp();
    server = await startServer(fixture.app, { port: 0, rendererDir });
    browser = await chromium.launch(launchOptions(resolveBrowser(undefined), true));
    page = await browser.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    fixture?.dispose();
  });

  it('loads the shell with the token and shows the real status of the data dir', async () => {
    await page.goto(server.url);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Resumen');
    const facts = page.getByTestId('status-facts');
    await facts.waitFor();
    expect(await facts.textContent()).toContain(fixture.dataDir);
    expect(await page.getByRole('status').textContent()).toContain('puente demo');
    // The token leaves the address bar once the page has it.
    expect(page.url()).not.toContain(server.token);
    expect(await page.getByRole('navigation').getByRole('button').allTextContents()).toEqual([
      'Resumen',
      'Sincronizar',
      'Conciliación',
      'Pendientes',
      'Contratos',
      'Tableros',
      'Configuración',
    ]);
  });

  it('changes the language through settings.update and saves it in the data dir', async () => {
    await page.getByRole('button', { name: 'Configuración' }).click();
    await page.getByLabel('Idioma').selectOption('en');
    await page.getByRole('button', { name: 'Overview' }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Settings');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    const saved = JSON.parse(readFileSync(join(fixture.dataDir, 'settings.json'), 'utf8'));
    expect(saved.locale).toBe('en');
  });

  it('keeps working after a reload (token kept for the tab) and follows settings.changed events', async () => {
    await page.reload();
    await page.getByRole('button', { name: 'Overview' }).waitFor();
    // Another client changes the language: the page hears it over the event stream.
    const changed = await apiCall(
      server.port,
      { method: 'settings.update', input: { changes: { locale: 'es-MX' } } },
      { 'x-puente-token': server.token },
    );
    expect(changed.status).toBe(200);
    await page.getByRole('button', { name: 'Resumen' }).waitFor({ timeout: 10_000 });
  });

  it('opens the Sync page on an empty data dir without inventing runs or files', async () => {
    await page.getByRole('button', { name: 'Sincronizar', exact: true }).click();
    await page.getByRole('heading', { name: 'Historial de corridas' }).waitFor();
    expect(await page.getByText('Aún no hay corridas.').count()).toBe(1);
    expect(await page.getByText('Ningún archivo en cuarentena.').count()).toBe(1);
  });

  it('ran every page under the strict CSP without a console error', () => {
    expect(pageErrors).toEqual([]);
  });

  it('refuses API calls without the token, from a foreign Origin or to a foreign Host, without CORS', async () => {
    const info = { method: 'app.info', input: {} };
    const token = { 'x-puente-token': server.token };
    const noToken = await apiCall(server.port, info);
    const foreignOrigin = await apiCall(server.port, info, { ...token, origin: 'https://evil.example' });
    const foreignHost = await apiCall(server.port, info, { ...token, host: `evil.example:${server.port}` });
    const allowed = await apiCall(server.port, info, token);
    const preflight = await rawRequest(server.port, {
      method: 'OPTIONS',
      path: '/api/call',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect([noToken.status, foreignOrigin.status, foreignHost.status]).toEqual([401, 403, 403]);
    expect(allowed.status).toBe(200);
    expect(JSON.parse(allowed.body).value.face).toBe('browser');
    expect(preflight.status).toBe(403);
    for (const response of [noToken, foreignOrigin, foreignHost, allowed, preflight]) {
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    }
    expect(fixture.logs()).not.toContain(server.token);
  });
});
