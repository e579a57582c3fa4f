import type { Page, Response } from 'playwright-core';
import type { PortalSession } from './connectors/connector';
import { PortalError } from './errors';
import type { PortalName } from './types';

function httpError(portal: PortalName, status: number, what: string): PortalError {
  const detail = status === 503 ? 'is under maintenance (HTTP 503)' : `answered HTTP ${status}`;
  return new PortalError('transient', portal, `${what}: the portal ${detail}`);
}

/**
 * Checks a page load: a server error or a maintenance page is transient, and so is a page the portal
 * says it does not have (HTTP 404), rather than a wait for controls that will never show.
 */
export async function checkPageLoad(
  portal: PortalName,
  page: Page,
  response: Response | null,
  what: string,
): Promise<void> {
  const status = response?.status() ?? 200;
  if (status >= 500 || status === 404) throw httpError(portal, status, what);
  if (/mantenimiento/i.test(await page.title())) throw httpError(portal, 503, what);
}

/**
 * Runs `work`, failing fast with a transient error on the first portal response of HTTP 5xx meanwhile:
 * a page script that swallows the error would otherwise leave the page waiting forever.
 */
export async function failFastOnServerErrors<T>(
  page: Page,
  portal: PortalName,
  what: string,
  work: () => Promise<T>,
): Promise<T> {
  let listener: (response: Response) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => {
    listener = (response) => {
      if (response.status() >= 500) reject(httpError(portal, response.status(), what));
    };
  });
  page.on('response', listener);
  const running = work();
  running.catch(() => undefined);
  failed.catch(() => undefined);
  try {
    return await Promise.race([running, failed]);
  } finally {
    page.off('response', listener);
  }
}

/** The path of a response's URL, to match portal endpoints. */
export const pathOf = (response: Response): string => new URL(response.url()).pathname;

/**
 * Opens a portal page (paced) and checks what came back. A navigation the portal itself started
 * just before (the redirect after a sign-in, say) can interrupt ours: then we let it finish and go
 * once more, instead of failing the window.
 */
export async function loadPage(
  session: PortalSession,
  portal: PortalName,
  path: string,
  what: string,
): Promise<void> {
  await session.pacer.turn();
  const url = new URL(path, session.baseUrl).href;
  const go = () => session.page.goto(url, { timeout: session.actionTimeoutMs });
  let response: Response | null;
  try {
    response = await go();
  } catch (error) {
    if (!/interrupted by another navigation/.test((error as Error).message)) throw error;
    await session.page.waitForLoadState('load', { timeout: session.actionTimeoutMs });
    response = await go();
  }
  await checkPageLoad(portal, session.page, response, what);
}
