import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type BrowserContext, chromium, type LaunchOptions, type Page } from 'playwright-core';

export interface ResolvedBrowser {
  executablePath: string;
  source: 'setting' | 'PUENTE_BROWSER' | 'playwright' | 'installed Chrome/Edge' | 'system chromium';
}

function installedChromeOrEdge(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter(Boolean) as string[];
    return roots.flatMap((root) => [
      join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      join(root, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
    ]);
  }
  if (platform === 'darwin') {
    return [
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ];
  }
  return ['/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/usr/bin/microsoft-edge'];
}

function playwrightChromium(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

/**
 * The one place that decides which browser drives the portals: the setting, then PUENTE_BROWSER,
 * then Playwright's own Chromium, then an installed Chrome or Edge, then the system's Chromium.
 */
export function resolveBrowser(
  setting: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  exists: (path: string) => boolean = existsSync,
): ResolvedBrowser {
  const explicit: Array<[string | undefined, ResolvedBrowser['source']]> = [
    [setting, 'setting'],
    [env.PUENTE_BROWSER, 'PUENTE_BROWSER'],
  ];
  for (const [path, source] of explicit) {
    if (!path) continue;
    if (!exists(path)) {
      throw new Error(
        `The browser set by ${source} does not exist: ${path}. Fix the path or remove it to auto-detect.`,
      );
    }
    return { executablePath: path, source };
  }
  const candidates: Array<[string | undefined, ResolvedBrowser['source']]> = [
    [playwrightChromium(), 'playwright'],
    ...installedChromeOrEdge(platform, env).map((path): [string, ResolvedBrowser['source']] => [
      path,
      'installed Chrome/Edge',
    ]),
    ['/usr/bin/chromium', 'system chromium'],
    ['/usr/bin/chromium-browser', 'system chromium'],
  ];
  for (const [path, source] of candidates) if (path && exists(path)) return { executablePath: path, source };
  throw new Error(
    'No browser found to drive the portals. Install Google Chrome or Microsoft Edge, or Chromium ' +
      '(Debian/Ubuntu: `sudo apt-get install chromium`), or set PUENTE_BROWSER to a Chromium-based browser.',
  );
}

/** Launch options that work as root in CI and keep the browser from calling home. */
export function launchOptions(browser: ResolvedBrowser, headless: boolean): LaunchOptions {
  return {
    executablePath: browser.executablePath,
    headless,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  };
}

/**
 * Keeps the browser from fetching favicons on its own: the portal counts each one as a request (PREI
 * even answers with a redirect to its login page, a second one) and extraction never needs them.
 * Blocked through CDP, because routing them in Playwright would also turn the HTTP cache off.
 */
export async function skipFavicons(context: BrowserContext, page: Page): Promise<void> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setBlockedURLs', { urls: ['*/favicon.ico'] });
}
