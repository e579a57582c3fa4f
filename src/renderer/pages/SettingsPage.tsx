import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Locale, localeSchema, type SettingsView } from '../../shared/api';
import type { ApiClient } from '../api/client';
import { ErrorNotice, PageHeader, RichText } from '../components';
import { LOCALES } from '../i18n';
import { useLoad } from '../use-api';

function Summary({ view }: { view: SettingsView }) {
  const { t } = useTranslation();
  const { stage, warehouse, schedule } = view.settings;
  const rows: Array<[string, React.ReactNode]> = [
    [t('settings.file'), <code key="file">{view.file}</code>],
    [t('settings.stage'), t(`settings.kinds.${stage.kind}`)],
    [t('settings.warehouse'), t(`settings.kinds.${warehouse.kind}`)],
    [
      t('settings.schedule'),
      schedule.enabled ? t('settings.scheduleOn', { time: schedule.dailyAt }) : t('settings.scheduleOff'),
    ],
  ];
  return (
    <dl className="facts">
      {rows.map(([label, value]) => (
        <div className="fact" key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function SettingsPage({ client }: { client: ApiClient }) {
  const { t, i18n } = useTranslation();
  const languageId = useId();
  const load = useCallback(() => client.call('settings.get', {}), [client]);
  const { data: loaded, error: loadError, reload } = useLoad(load);
  const [saved, setSaved] = useState<SettingsView>();
  const [saveError, setSaveError] = useState<unknown>();
  const [message, setMessage] = useState('');
  const view = saved ?? loaded;

  async function changeLanguage(locale: Locale) {
    setSaveError(undefined);
    setMessage('');
    try {
      const next = await client.call('settings.update', { changes: { locale } });
      setSaved(next);
      await i18n.changeLanguage(next.settings.locale);
      setMessage(t('settings.saved'));
    } catch (error) {
      setSaveError(error);
    }
  }

  return (
    <>
      <PageHeader title={t('settings.title')} />
      {loadError !== undefined && <ErrorNotice error={loadError} onRetry={reload} />}
      {saveError !== undefined && <ErrorNotice error={saveError} />}
      {view && (
        <>
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
          </section>
          <Summary view={view} />
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
