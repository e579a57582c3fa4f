import { chromium } from 'playwright-core';
import type { SettingsTest, SettingsTestResult } from '../../shared/api';
import type { App } from '../app/create-app';
import { launchOptions, resolveBrowser } from '../portals/browser';
import type { AskPerson, PortalSession } from '../portals/connectors/connector';
import { Pacer } from '../portals/pacer';
import { CONNECTORS } from '../portals/runner';
import type { PortalName } from '../portals/types';
import { vaultKeys } from '../secrets/vault';
import { inDataDir } from '../settings/data-dir';
import { LocalFolderStage } from '../stage/local-folder-stage';
import { S3Stage } from '../stage/s3-stage';
import type { Stage } from '../stage/stage';
import type { ApiHooks } from './context';
import { openSnowflake } from './snowflake-access';

const TEST_TIMEOUT_MS = 30_000;

/** Thrown by the test's askPerson: the portal reached its captcha, which only a sync shows to a person. */
class CaptchaReached extends Error {}

/**
 * Signs in once with the stored user and password (the portal's own driver, a fresh headless
 * browser, nothing saved). Without a password it only opens the login page. SAI's captcha stops the
 * test there unless a solver is hooked in (tests): reaching it proves the address and the browser.
 */
async function testPortal(app: App, portal: PortalName, hooks: ApiHooks): Promise<string> {
  const settings = app.settings().portals;
  const config = settings[portal];
  const name = portal.toUpperCase();
  if (!config?.url) throw new Error(`set the ${name} address (URL) first`);
  const browserInfo = resolveBrowser(settings.browserPath);
  const browser = await chromium.launch(launchOptions(browserInfo, true));
  try {
    const page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(TEST_TIMEOUT_MS);
    const password = await app.vault.get(vaultKeys.password(portal));
    if (!config.user || !password) {
      const response = await page.goto(config.url);
      if (!response?.ok()) throw new Error(`${config.url} answered HTTP ${response?.status() ?? '(none)'}`);
      return `${name} answered (“${await page.title()}”) through ${browserInfo.source}; store the user and password to test the sign-in`;
    }
    const session: PortalSession = {
      page,
      pacer: new Pacer(0, 1_000),
      baseUrl: config.url,
      actionTimeoutMs: TEST_TIMEOUT_MS,
      exportTimeoutMs: TEST_TIMEOUT_MS,
    };
    const askPerson: AskPerson = async (captchaPage, solved) => {
      if (!hooks.onCaptcha) throw new CaptchaReached();
      const settled = solved(TEST_TIMEOUT_MS).then(
        () => 'solved' as const,
        () => 'timeout' as const,
      );
      await hooks.onCaptcha({
        portal,
        page: captchaPage,
        visible: false,
        timeoutMs: TEST_TIMEOUT_MS,
        message: 'test sign-in',
        settled,
      });
      if ((await settled) === 'timeout') throw new Error(`the ${name} captcha was not solved in time`);
    };
    const driver = Object.values(CONNECTORS).find((connector) => connector.driver.portal === portal)?.driver;
    if (!driver) throw new Error(`no driver for ${name}`);
    try {
      await driver.signIn(session, { user: config.user, password }, askPerson);
    } catch (error) {
      if (error instanceof CaptchaReached)
        return `${name}'s login page opened and the user and password were typed; it asks for a captcha, which the first sync shows you (the session is then kept)`;
      throw error;
    }
    return `signed in to ${name} as ${config.user}`;
  } finally {
    await browser.close();
  }
}

function currentStage(app: App): Stage {
  const config = app.settings().stage;
  return config.kind === 'local'
    ? new LocalFolderStage(inDataDir(app.dataDir, config.folder))
    : new S3Stage(config);
}

async function testStage(app: App): Promise<string> {
  const stage = currentStage(app);
  const objects = await stage.list('raw/');
  return `${stage.describe()} answered: ${objects.length} staged files listed`;
}

async function testWarehouse(app: App, warehouse: () => Promise<{ all(sql: string): Promise<unknown[]> }>) {
  const settings = app.settings().warehouse;
  if (settings.kind === 'duckdb') {
    await (await warehouse()).all('SELECT 1 AS ok');
    return `DuckDB ${inDataDir(app.dataDir, settings.file)} answered SELECT 1`;
  }
  const session = await openSnowflake(app, settings);
  try {
    await session.all('SELECT 1 AS ok');
    return `Snowflake ${settings.account} answered SELECT 1 as ${settings.user}`;
  } finally {
    await session.close();
  }
}

/** Runs one of the Settings page's test buttons; a failure is a result with the clear error, never a throw. */
export async function runSettingsTest(
  app: App,
  target: SettingsTest,
  hooks: ApiHooks,
  warehouse: () => Promise<{ all(sql: string): Promise<unknown[]> }>,
): Promise<SettingsTestResult> {
  const started = performance.now();
  let ok = true;
  let message: string;
  try {
    if (target === 'stage') message = await testStage(app);
    else if (target === 'warehouse') message = await testWarehouse(app, warehouse);
    else message = await testPortal(app, target === 'portal:sai' ? 'sai' : 'prei', hooks);
  } catch (error) {
    ok = false;
    message = (error as Error).message;
  }
  return {
    target,
    ok,
    message: app.redactor.scrubText(message),
    ms: Math.round(performance.now() - started),
  };
}
