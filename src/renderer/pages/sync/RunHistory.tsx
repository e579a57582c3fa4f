import { useTranslation } from 'react-i18next';
import type { RunSummary } from '../../../shared/status';

function formatTime(iso: string | undefined, locale: string): string {
  const date = iso ? new Date(iso) : undefined;
  if (!date || Number.isNaN(date.getTime())) return '—';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

function duration(run: RunSummary): string {
  if (!run.finishedAt || !run.startedAt) return '—';
  const seconds = Math.round((Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000);
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** Past runs, newest first, with the step that failed and why. */
export function RunHistory({ runs }: { runs: RunSummary[] }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="panel" aria-labelledby="sync-history">
      <h2 id="sync-history">{t('sync.history')}</h2>
      {runs.length === 0 ? (
        <p className="muted">{t('sync.noRuns')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table" data-testid="run-history">
            <thead>
              <tr>
                <th scope="col">{t('overview.run')}</th>
                <th scope="col">{t('overview.state')}</th>
                <th scope="col">{t('overview.startedAt')}</th>
                <th scope="col">{t('sync.duration')}</th>
                <th scope="col">{t('sync.detail')}</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => {
                const failed = run.steps.find((step) => step.state === 'failed');
                return (
                  <tr key={run.runId} data-run={run.runId}>
                    <td>
                      <code>{run.runId}</code>
                    </td>
                    <td>
                      <span className={`badge badge-${run.state}`}>{t(`overview.states.${run.state}`)}</span>
                    </td>
                    <td>{formatTime(run.startedAt, i18n.language)}</td>
                    <td>{duration(run)}</td>
                    <td className="cell-wrap">
                      {failed && (
                        <strong>{t('overview.failedAt', { step: t(`sync.steps.${failed.step}`) })}: </strong>
                      )}
                      {run.error ?? failed?.detail ?? ''}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
