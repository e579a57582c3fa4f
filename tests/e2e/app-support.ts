import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { type App, createApp } from '../../src/main/app/create-app';
import { launchOptions, resolveBrowser } from '../../src/main/portals/browser';
import { type RunningServer, startServer } from '../../src/main/server/http-server';
import type { SqlSession } from '../../src/main/warehouse/session';

const rendererDir = resolve(__dirname, '..', '..', 'out', 'renderer');

export interface AppInBrowser {
  app: App;
  dataDir: string;
  server: RunningServer;
  browser: Browser;
  page: Page;
  /** Console errors, page errors and CSP violations seen so far. */
  problems: string[];
  close(): Promise<void>;
}

/**
 * Browser mode on a fresh data dir whose DuckDB warehouse `fill` prepares (and closes), then
 * Chromium on the app's address. Downloads are accepted.
 */
export async function openAppInBrowser(
  fill: (warehouseFile: string) => Promise<SqlSession>,
): Promise<AppInBrowser> {
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`${rendererDir}/index.html is missing: run \`npm run build\` first (\`npm test\` does).`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'puente-app-'));
  await (await fill(join(dataDir, 'warehouse.duckdb'))).close();
  const app = createApp({ dataDir, env: {}, logLevel: 'warn' });
  const server = await startServer(app, { port: 0, rendererDir });
  const browser = await chromium.launch(launchOptions(resolveBrowser(undefined), true));
  const context = await browser.newContext({
    acceptDownloads: true,
    viewport: { width: 1600, height: 1000 },
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(server.url);
  return {
    app,
    dataDir,
    server,
    browser,
    page,
    problems,
    async close() {
      await browser.close();
      await server.close();
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
