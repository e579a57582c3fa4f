import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatusReport } from '../../shared/status';
import type { ApiClient } from '../api/client';
import { ErrorNotice, PageHeader, RichText } from '../components';
import { useLoad } from '../use-api';
import { OverviewCharts } from './OverviewCharts';
import { OverviewTiles } from './OverviewTiles';

/** ISO instants in the reader's language; an empty or unreadable one (an interrupted run) shows a dash. */
function formatTime(iso: string | undefined, locale: string): string {
  const date = iso ? new Date(iso) : undefined;
  if (!date || Number.isNaN(date.getTime())) return '—';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

function Facts({ status }: { status: StatusReport }) {
  const { t } = useTranslation();
  const facts: Array<[string, React.ReactNode]> = [
    [t('overview.dataDir'), <code key="dir">{status.dataDir}</code>],
    [
      t('overview.settingsFile'),
      <span key="file">
        <code>{status.settingsFile}</code>
        {!status.settingsPresent && <span className="muted"> ({t('overview.settingsDefault')})</span>}
      </span>,
    ],
    [t('overview.stage'), status.stage],
    [t('overview.warehouse'), status.warehouse],
    [t('overview.landedFiles'), status.landedFiles],
    [t('overview.quarantinedFiles'), status.quarantinedFiles],
  ];
  return (
    <dl className="facts" data-testid="status-facts">
      {facts.map(([label, value]) => (
        <div className="fact" key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function LastRuns({ status }: { status: StatusReport }) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="last-runs" className="panel">
      <h2 id="last-runs">{t('overview.lastRuns')}</h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('overview.run')}</th>
            <th scope="col">{t('overview.command')}</th>
            <th scope="col">{t('overview.state')}</th>
            <th scope="col">{t('overview.startedAt')}</th>
            <th scope="col">{t('overview.finishedAt')}</th>
          </tr>
        </thead>
        <tbody>
          {status.runs.slice(0, 20).map((run) => {
            const failed = run.steps.find((step) => step.state === 'failed');
            return (
              <tr key={run.runId}>
                <td>
                  <code>{run.runId}</code>
                </td>
                <td>{run.command}</td>
                <td>
                  <span className={`badge badge-${run.state}`}>{t(`overview.states.${run.state}`)}</span>
                  {failed && <span className="muted"> {t('overview.failedAt', { step: failed.step })}</span>}
                </td>
                <td>{formatTime(run.startedAt, i18n.language)}</td>
                <td>{formatTime(run.finishedAt, i18n.language)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

export function OverviewPage({ client }: { client: ApiClient }) {
  const { t } = useTranslation();
  const load = useCallback(() => client.call('status.get', {}), [client]);
  const { data: status, error, loading, reload } = useLoad(load);
  return (
    <>
      <PageHeader title={t('overview.title')}>
        <button type="button" className="button" onClick={reload} disabled={loading}>
          {t('overview.refresh')}
        </button>
      </PageHeader>
      {error !== undefined && <ErrorNotice error={error} onRetry={reload} />}
      {!status && loading && <p aria-live="polite">{t('app.loading')}</p>}
      {status && <OverviewTiles client={client} />}
      {status && <OverviewCharts client={client} />}
      {status && <Facts status={status} />}
      {status?.empty && (
        <div className="notice" role="status">
          <h2>{t('overview.emptyTitle')}</h2>
          <p>
            <RichText text={t('overview.emptyBody')} />
          </p>
        </div>
      )}
      {status && !status.empty && <LastRuns status={status} />}
    </>
  );
}
