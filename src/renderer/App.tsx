import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../shared/api';
import type { ApiClient } from './api/client';
import { DashboardsPage } from './pages/DashboardsPage';
import { MartsPage } from './pages/MartsPage';
import { OverviewPage } from './pages/OverviewPage';
import { ReconciliationPage } from './pages/ReconciliationPage';
import { SettingsPage } from './pages/SettingsPage';
import { SyncPage } from './pages/SyncPage';
import { Toasts } from './pages/sync/Toasts';
import { WorklistPage } from './pages/WorklistPage';

/** The pages of the app, in navigation order; later issues replace the placeholders. */
export const PAGES = [
  'overview',
  'sync',
  'reconciliation',
  'worklist',
  'contracts',
  'dashboards',
  'settings',
] as const;
type PageId = (typeof PAGES)[number];

function Page({ id, client }: { id: PageId; client: ApiClient }) {
  if (id === 'overview') return <OverviewPage client={client} />;
  if (id === 'settings') return <SettingsPage client={client} />;
  if (id === 'sync') return <SyncPage client={client} />;
  if (id === 'reconciliation') return <ReconciliationPage client={client} />;
  if (id === 'worklist') return <WorklistPage client={client} />;
  if (id === 'contracts') return <MartsPage client={client} />;
  return <DashboardsPage client={client} />;
}

export function App({ client }: { client: ApiClient }) {
  const { t, i18n } = useTranslation();
  const [page, setPage] = useState<PageId>('overview');
  const [info, setInfo] = useState<AppInfo>();
  const main = useRef<HTMLElement>(null);

  useEffect(() => {
    client.call('app.info', {}).then((loaded) => {
      setInfo(loaded);
      void i18n.changeLanguage(loaded.locale);
    }, console.error);
    // Another window (or the CLI through the same core) may change the language.
    return client.on('settings.changed', (view) => void i18n.changeLanguage(view.settings.locale));
  }, [client, i18n]);

  function open(id: PageId) {
    setPage(id);
    main.current?.focus();
  }

  return (
    <div className="shell">
      <aside className="sidebar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            P
          </span>
          <span>
            <span className="brand-name">{t('app.name')}</span>
            <span className="brand-tagline">{t('app.tagline')}</span>
          </span>
        </div>
        <nav aria-label={t('app.mainNav')}>
          <ul>
            {PAGES.map((id) => (
              <li key={id}>
                <button
                  type="button"
                  className="nav-item"
                  aria-current={page === id ? 'page' : undefined}
                  onClick={() => open(id)}
                >
                  {t(`nav.${id}`)}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        {info && (
          <footer className="sidebar-footer">
            <span className="badge badge-face">
              {info.face === 'browser' ? t('app.faceBrowser') : t('app.faceElectron')}
            </span>
            <span>{t('app.version', { version: info.version })}</span>
          </footer>
        )}
      </aside>
      <main className="content" ref={main} tabIndex={-1}>
        <Page id={page} client={client} />
      </main>
      {info?.face === 'browser' && <Toasts client={client} />}
    </div>
  );
}
