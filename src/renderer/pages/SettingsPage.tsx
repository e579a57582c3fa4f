import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Locale, localeSchema, type SettingsView } from '../../shared/api';
import type { ApiClient } from '../api/client';
import { ErrorNotice, PageHeader, RichText } from '../components';
import { LOCALES } from '../i18n';
import { useLoad } from '../use-api';
import { SecretField } from './settings/SecretField';
import { type FieldSpec, SettingsSection } from './settings/SettingsSection';
import { TestButton } from './settings/TestButton';
import './sync/sync.css';

function LanguagePicker({
  view,
  onSaved,
  client,
}: {
  view: SettingsView;
  onSaved: (view: SettingsView) => void;
  client: ApiClient;
}) {
  const { t, i18n } = useTranslation();
  const languageId = useId();
  const [error, setError] = useState<unknown>();
  const [message, setMessage] = useState('');

  async function changeLanguage(locale: Locale) {
    setError(undefined);
    setMessage('');
    try {
      const next = await client.call('settings.update', { changes: { locale } });
      onSaved(next);
      await i18n.changeLanguage(next.settings.locale);
      setMessage(t('settings.saved'));
    } catch (problem) {
      setError(problem);
    }
  }

  return (
    <section className="panel form-row">
      <label htmlFor={languageId}>{t('settings.language')}</label>
      <select
        id={languageId}
        value={view.settings.locale}
        aria-describedby={`${languageId}-help`}
        onChange={(event) => void changeLanguage(localeSchema.parse(event.target.value))}
      >
        {LOCALES.map((locale) => (
          <option key={locale} value={locale}>
            {t(`languages.${locale}`)}
          </option>
        ))}
      </select>
      <p id={`${languageId}-help`} className="muted">
        {t('settings.languageHelp')}
      </p>
      <p className="saved" role="status" aria-live="polite">
        {message}
      </p>
      {error !== undefined && <ErrorNotice error={error} />}
    </section>
  );
}

/** Portals, stage, warehouse, schedule and language; every "Probar" runs in main; passwords stay in main. */
export function SettingsPage({ client }: { client: ApiClient }) {
  const { t } = useTranslation();
  const load = useCallback(() => client.call('settings.get', {}), [client]);
  const { data: loaded, error: loadError, reload } = useLoad(load);
  const loadSecrets = useCallback(() => client.call('credentials.status', {}), [client]);
  const secrets = useLoad(loadSecrets);
  const [saved, setSaved] = useState<SettingsView>();
  const view = saved ?? loaded;
  const common = { client, onSaved: setSaved };

  const portalFields = (portal: 'sai' | 'prei') => (): FieldSpec[] => [
    { name: 'enabled', label: t('settings.enabled'), kind: 'checkbox' },
    { name: 'url', label: t('settings.url'), kind: 'url' },
    { name: 'user', label: t('settings.user'), kind: 'text' },
    ...(portal === 'prei'
      ? [{ name: 'supplierNumber', label: t('settings.supplierNumber'), kind: 'text' } as const]
      : []),
  ];
  const kindOption = (value: string) => ({ value, label: t(`settings.kinds.${value}`) });

  return (
    <>
      <PageHeader title={t('settings.title')} />
      {loadError !== undefined && <ErrorNotice error={loadError} onRetry={reload} />}
      {view && (
        <>
          <LanguagePicker view={view} {...common} />
          <section className="panel" aria-labelledby="settings-portals">
            <h2 id="settings-portals">{t('settings.portals')}</h2>
            {(['sai', 'prei'] as const).map((portal) => (
              <div className="portal-block" key={portal}>
                <SettingsSection
                  {...common}
                  view={view}
                  path={['portals', portal]}
                  title={t(`settings.portalNames.${portal}`)}
                  fields={portalFields(portal)}
                >
                  <SecretField
                    client={client}
                    name={portal}
                    label={t('settings.password')}
                    stored={secrets.data?.[portal] ?? false}
                    onChanged={secrets.reload}
                  />
                  <TestButton client={client} target={`portal:${portal}`} label={t('settings.testPortal')} />
                </SettingsSection>
              </div>
            ))}
          </section>
          <SettingsSection
            {...common}
            view={view}
            path={['stage']}
            title={t('settings.stage')}
            fields={(draft) => [
              {
                name: 'kind',
                label: t('settings.kind'),
                kind: 'select',
                options: ['local', 's3'].map(kindOption),
              },
              ...(draft.kind === 's3'
                ? ([
                    { name: 'bucket', label: t('settings.bucket'), kind: 'text' },
                    { name: 'prefix', label: t('settings.prefix'), kind: 'text' },
                    { name: 'region', label: t('settings.region'), kind: 'text' },
                    { name: 'profile', label: t('settings.profile'), kind: 'text' },
                    { name: 'endpoint', label: t('settings.endpoint'), kind: 'url' },
                  ] as const)
                : ([{ name: 'folder', label: t('settings.folder'), kind: 'text' }] as const)),
            ]}
          >
            <TestButton client={client} target="stage" label={t('settings.testStage')} />
          </SettingsSection>
          <SettingsSection
            {...common}
            view={view}
            path={['warehouse']}
            title={t('settings.warehouse')}
            fields={(draft) => [
              {
                name: 'kind',
                label: t('settings.kind'),
                kind: 'select',
                options: ['duckdb', 'snowflake'].map(kindOption),
              },
              ...(draft.kind === 'snowflake'
                ? ([
                    { name: 'account', label: t('settings.account'), kind: 'text' },
                    { name: 'user', label: t('settings.user'), kind: 'text' },
                    { name: 'role', label: t('settings.role'), kind: 'text' },
                    { name: 'warehouse', label: t('settings.sfWarehouse'), kind: 'text' },
                    { name: 'database', label: t('settings.database'), kind: 'text' },
                    { name: 'schema', label: t('settings.schema'), kind: 'text' },
                    {
                      name: 'authenticator',
                      label: t('settings.authenticator'),
                      kind: 'select',
                      options: ['EXTERNALBROWSER', 'SNOWFLAKE_JWT', 'PROGRAMMATIC_ACCESS_TOKEN'].map(
                        (value) => ({
                          value,
                          label: value,
                        }),
                      ),
                    },
                  ] as const)
                : ([{ name: 'file', label: t('settings.duckdbFile'), kind: 'text' }] as const)),
            ]}
          >
            {view.settings.warehouse.kind === 'snowflake' && (
              <SecretField
                client={client}
                name="snowflake"
                label={t('settings.snowflakeSecret')}
                stored={secrets.data?.snowflake ?? false}
                onChanged={secrets.reload}
              />
            )}
            <TestButton client={client} target="warehouse" label={t('settings.testWarehouse')} />
          </SettingsSection>
          <SettingsSection
            {...common}
            view={view}
            path={['schedule']}
            title={t('settings.schedule')}
            fields={() => [
              { name: 'enabled', label: t('settings.scheduleEnabled'), kind: 'checkbox' },
              {
                name: 'dailyAt',
                label: t('settings.scheduleAt'),
                kind: 'time',
                help: t('settings.scheduleHelp'),
              },
            ]}
          />
          <SettingsSection
            {...common}
            view={view}
            path={['notifications']}
            title={t('app.notifications')}
            fields={() => [
              { name: 'enabled', label: t('settings.notificationsEnabled'), kind: 'checkbox' },
              { name: 'stuckDays', label: t('settings.stuckDays'), kind: 'number' },
            ]}
          />
          <p className="muted">
            <RichText text={t('settings.editHint')} />
          </p>
          <details className="panel">
            <summary>{t('settings.fullJson')}</summary>
            <pre>{JSON.stringify(view.settings, null, 2)}</pre>
          </details>
        </>
      )}
    </>
  );
}
