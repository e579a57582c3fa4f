import type { Dashboards } from '../../shared/api';
import { externalHostsFromSettings, isAllowedExternalUrl } from '../electron/security';
import type { Settings } from '../settings/schema';
import type { ApiContext, ApiHandlers } from './context';

/** Snowsight's account root from an `org-account` identifier; null when it cannot be derived. */
export function snowsightRoot(account: string): string | null {
  const match = /^([A-Za-z0-9_]+)-([A-Za-z0-9_]+)$/.exec(account.trim());
  return match ? `https://app.snowflake.com/${match[1]?.toLowerCase()}/${match[2]?.toLowerCase()}/` : null;
}

/** The configured dashboard links that pass the same allowlist the Electron safe opener applies. */
export function dashboardLinks(settings: Settings): Dashboards {
  if (settings.warehouse.kind !== 'snowflake') return { accountRoot: null, links: [] };
  const hosts = externalHostsFromSettings(settings);
  const root = snowsightRoot(settings.warehouse.account);
  return {
    accountRoot: root && isAllowedExternalUrl(root, hosts) ? root : null,
    links: settings.warehouse.dashboards.filter((link) => isAllowedExternalUrl(link.url, hosts)),
  };
}

export function dashboardHandlers({ app }: ApiContext): ApiHandlers<'dashboards.list'> {
  return { 'dashboards.list': () => dashboardLinks(app.settings()) };
}
