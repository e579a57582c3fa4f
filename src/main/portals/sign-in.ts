import { type Browser, type BrowserContext, chromium } from 'playwright-core';
import type { Logger } from '../log/logger';
import type { Redactor } from '../log/redact';
import type { Vault } from '../secrets/vault';
import { launchOptions, type ResolvedBrowser } from './browser';
import type { AskPerson, Credentials, PortalDriver, PortalSession } from './connectors/connector';
import { PortalError } from './errors';
import type { WindowTrace } from './evidence';
import { saveSession } from './session-store';
import type { CaptchaRequest } from './types';

export interface SignInDeps {
  driver: PortalDriver;
  session: PortalSession;
  context: BrowserContext;
  credentials: Credentials;
  trace: WindowTrace;
  vault: Vault;
  redactor: Redactor;
  logger: Logger;
  browser: ResolvedBrowser;
  /** True when the run's browser shows its windows (--headful). */
  headful: boolean;
  canShowWindow: boolean;
  captchaTimeoutMs: number;
  onCaptcha?: (request: CaptchaRequest) => Promise<void> | void;
}

/** Thrown inside a headless sign-in that needs a person: the sign-in moves to a visible window. */
class NeedsVisibleWindow extends Error {}

/**
 * Makes sure the session is signed in: the stored (or current) session when the portal still
 * accepts it, else a new sign-in, saved encrypted to the vault. Tracing is paused while signing in.
 */
export async function ensureSignedIn(deps: SignInDeps): Promise<void> {
  const { driver, session } = deps;
  if (await driver.isSignedIn(session)) return;
  await deps.trace.pause();
  deps.logger.info(`signing in to ${driver.portal.toUpperCase()}`);
  try {
    await driver.signIn(session, deps.credentials, askPerson(deps, deps.headful));
  } catch (error) {
    if (!(error instanceof NeedsVisibleWindow)) throw error;
    await signInVisibly(deps);
    if (!(await driver.isSignedIn(session))) {
      throw new PortalError('transient', driver.portal, 'the session signed in on screen was not accepted');
    }
  }
  await saveSession(deps.vault, deps.redactor, driver.portal, deps.context);
}

/** Opens a visible browser for the sign-in only, then hands its cookies to the run's context. */
async function signInVisibly(deps: SignInDeps): Promise<void> {
  const visible: Browser = await chromium.launch(launchOptions(deps.browser, false));
  try {
    const context = await visible.newContext();
    const page = await context.newPage();
    await deps.driver.signIn({ ...deps.session, page }, deps.credentials, askPerson(deps, true));
    const state = await context.storageState();
    for (const cookie of state.cookies) deps.redactor.register(cookie.value);
    await deps.context.addCookies(state.cookies);
  } finally {
    await visible.close();
  }
}

function captchaMessage(deps: SignInDeps, visible: boolean): string {
  const portal = deps.driver.portal.toUpperCase();
  const minutes = Math.max(1, Math.round(deps.captchaTimeoutMs / 60_000));
  return visible
    ? `${portal} asks for a captcha: solve it in the browser window Puente opened (within ${minutes} min); ` +
        'the session is then kept and reused, so daily syncs need no captcha.'
    : `${portal} asks for a captcha and no window can be shown here: sign in once from the app or with ` +
        '`puente sync --headful` on a desktop; the session is then kept and reused.';
}

function askPerson(deps: SignInDeps, visible: boolean): AskPerson {
  return async (page, solved) => {
    if (!visible && deps.canShowWindow) throw new NeedsVisibleWindow();
    const message = captchaMessage(deps, visible);
    if (!deps.onCaptcha && !visible) throw new PortalError('human', deps.driver.portal, message);
    deps.logger.warn(message);
    let settle: (outcome: 'solved' | 'timeout') => void = () => undefined;
    const settled = new Promise<'solved' | 'timeout'>((resolve) => {
      settle = resolve;
    });
    const timeoutMs = deps.captchaTimeoutMs;
    const portal = deps.driver.portal;
    // The prompt runs beside the wait: the page, not the prompt, tells when the captcha is solved.
    Promise.resolve()
      .then(() => deps.onCaptcha?.({ portal, page, visible, timeoutMs, message, settled }))
      .catch((error: unknown) => deps.logger.warn('the captcha prompt failed', { error }));
    try {
      await solved(timeoutMs);
      settle('solved');
    } catch {
      settle('timeout');
      throw new PortalError(
        'human',
        portal,
        `nobody solved the captcha within ${Math.round(timeoutMs / 1000)} s. ${message}`,
      );
    }
  };
}
