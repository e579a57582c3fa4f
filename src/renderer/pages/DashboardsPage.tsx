import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../api/client';
import { ErrorNotice, PageHeader } from '../components';
import { useLoad } from '../use-api';

/**
 * The configured Snowsight dashboards. The core lists only links that pass the safe opener's
 * allowlist; they open in a new browsing context (the system browser in Electron), never in the app.
 */
export function DashboardsPage({ client }: { client: ApiClient }) {
  const { t } = useTranslation();
  const load = useCallback(() => client.call('dashboards.list', {}), [client]);
  const { data, error } = useLoad(load);
  const links = [
    ...(data?.accountRoot ? [{ name: t('dashboards.accountRoot'), url: data.accountRoot }] : []),
    ...(data?.links ?? []),
  ];
  return (
    <>
      <PageHeader title={t('dashboards.title')} />
      {error !== undefined && <ErrorNotice error={error} />}
      {data && links.length === 0 && (
        <div className="notice" role="status">
          <p>{t('dashboards.none')}</p>
        </div>
      )}
      <ul className="link-list">
        {links.map((link) => (
          <li key={link.url}>
            <a href={link.url} target="_blank" rel="noopener noreferrer">
              {link.name}
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}
