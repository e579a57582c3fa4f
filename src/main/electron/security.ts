import type { WebPreferences } from 'electron';
import type { Settings } from '../settings/schema';

/** The renderer is served from app://puente in production (a standard, secure, fetch-capable scheme). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'puente';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

/** Kept as data so a unit test can assert every option without Electron. */
export function windowSecurityOptions(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  };
}

export function appSchemePrivileges() {
  return {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
  };
}

function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    // URL gives "null" as the origin of non-special schemes: build it from protocol and host instead.
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return undefined;
  }
}

/** Only the app's own pages may call the API: app://puente, or the dev server while developing. */
export function isTrustedRendererUrl(url: string, devServerUrl?: string): boolean {
  const origin = originOf(url);
  if (origin === undefined) return false;
  return origin === APP_ORIGIN || (devServerUrl !== undefined && origin === originOf(devServerUrl));
}

/** Hosts the app may open in the system browser: Snowsight and the configured portals and dashboards. */
export function externalHostsFromSettings(settings: Settings): string[] {
  const urls = [
    settings.portals.sai?.url,
    settings.portals.prei?.url,
    ...(settings.warehouse.kind === 'snowflake' ? settings.warehouse.dashboards.map((d) => d.url) : []),
  ];
  const hosts = new Set(['app.snowflake.com']);
  for (const url of urls) {
    if (url) hosts.add(new URL(url).hostname.toLowerCase());
  }
  return [...hosts];
}

/** https only, no credentials in the URL, and an exact host match with the allowlist. */
export function isAllowedExternalUrl(url: string, allowedHosts: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return false;
  return allowedHosts.includes(parsed.hostname.toLowerCase());
}
