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
 * Where the stored session stands, checked on `landing` (a report's page) when given, else on the home.
 * A landing that shows neither the signed-in portal nor its login (a portal that refuses links straight
 * to its pages) is not trusted: the home decides, as it does without a landing.
 */
async function storedSession(
  deps: SignInDeps,
  landing: string | undefined,
): Promise<'on landing' | 'signed in' | 'signed out'> {
  const { driver, session } = deps;
  if (landing !== undefined) {
    try {
      return (await driver.isSignedIn(session, landing)) ? 'on landing' : 'signed out';
    } catch (error) {
      deps.logger.warn(
        `${driver.portal.toUpperCase()} did not open ${landing} signed in or at its login (${(error as Error).message}): checking the session on its home page`,
      );
    }
  }
  return (await driver.isSignedIn(session)) ? 'signed in' : 'signed out';
}

/**
 * Makes sure the session is signed in: the stored (or current) session when the portal still
 * accepts it, else a new sign-in, saved encrypted to the vault. Tracing is paused while signing in.
 * True when the page is on `landing`, signed in; false when it is elsewhere (the home, or wherever a
 * new sign-in left it).
 */
export async function ensureSignedIn(deps: SignInDeps, landing?: string): Promise<boolean> {
  const { driver, session } = deps;
  const stored = await storedSession(deps, landing);
  if (stored !== 'signed out') return stored === 'on landing';
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
  return false;
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
