import { useTranslation } from 'react-i18next';
import type { RunSummary } from '../../../shared/status';
import { TablePanel } from './TablePanel';

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
    <TablePanel
      id="sync-history"
      title={t('sync.history')}
      empty={t('sync.noRuns')}
      testId="run-history"
      columns={[
        { label: t('overview.run') },
        { label: t('overview.state') },
        { label: t('overview.startedAt') },
        { label: t('sync.duration') },
        { label: t('sync.detail') },
      ]}
      rowCount={runs.length}
    >
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
    </TablePanel>
  );
}
