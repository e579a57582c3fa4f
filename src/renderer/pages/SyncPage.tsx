import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncRunInput } from '../../shared/api';
import type { ApiClient } from '../api/client';
import { ErrorNotice, PageHeader } from '../components';
import { useLoad } from '../use-api';
import { CaptchaDialog } from './sync/CaptchaDialog';
import { QuarantinedFiles, StagedFiles } from './sync/FileTables';
import { LogTail } from './sync/LogTail';
import { RunHistory } from './sync/RunHistory';
import { SyncForm } from './sync/SyncForm';
import { SyncProgress } from './sync/SyncProgress';
import { useSyncLive } from './sync/use-sync-live';
import './sync/sync.css';

/** While a run goes on, its step states (kept in its run record) are re-read this often. */
const RUN_POLL_MS = 1500;

/** Sync now, watch it happen (steps, portal windows, captcha, log), and see what every file became. */
export function SyncPage({ client }: { client: ApiClient }) {
  const { t, i18n } = useTranslation();
  const live = useSyncLive(client);
  const [startError, setStartError] = useState<unknown>();
  const [starting, setStarting] = useState(false);
  const { version, running } = live;

  const loadRuns = useCallback(() => client.call('runs.list', { limit: 20 }), [client]);
  const runs = useLoad(loadRuns);
  const loadLanded = useCallback(() => client.call('files.landed', {}), [client]);
  const landed = useLoad(loadLanded);
  const loadStaged = useCallback(() => client.call('files.staged', {}), [client]);
  const staged = useLoad(loadStaged);

  const { reload: reloadRuns } = runs;
  const { reload: reloadLanded } = landed;
  const { reload: reloadStaged } = staged;
  useEffect(() => {
    if (version === 0) return;
    reloadRuns();
    reloadLanded();
    reloadStaged();
  }, [version, reloadRuns, reloadLanded, reloadStaged]);

  useEffect(() => {
    if (!running) return;
    const timer = setInterval(reloadRuns, RUN_POLL_MS);
    return () => clearInterval(timer);
  }, [running, reloadRuns]);

  async function start(input: SyncRunInput) {
    setStartError(undefined);
    setStarting(true);
    try {
      await client.call('sync.run', input);
    } catch (error) {
      setStartError(error);
    } finally {
      setStarting(false);
    }
  }

  const shownRunId = live.runId ?? live.lastFinished?.runId;
  const shownRun = runs.data?.find((run) => run.runId === shownRunId);
  const schedule = live.nextScheduled
    ? t('sync.scheduled', {
        time: new Intl.DateTimeFormat(i18n.language, { dateStyle: 'full', timeStyle: 'short' }).format(
          new Date(live.nextScheduled),
        ),
      })
    : t('sync.notScheduled');

  return (
    <>
      <PageHeader title={t('sync.title')}>
        <span className="muted" data-testid="next-scheduled">
          {schedule}
        </span>
      </PageHeader>
      <SyncForm running={running || starting} onStart={(input) => void start(input)} />
      {startError !== undefined && <ErrorNotice error={startError} />}
      <p role="status" aria-live="polite" className="visually-hidden">
        {live.lastFinished
          ? t('sync.finished', {
              runId: live.lastFinished.runId,
              state: t(`overview.states.${live.lastFinished.state}`),
            })
          : ''}
      </p>
      <CaptchaDialog prompt={live.captcha} />
      <div className="sync-live">
        <SyncProgress progress={live.progress} steps={shownRun?.steps ?? []} />
        <LogTail lines={live.log} />
      </div>
      {runs.error !== undefined && <ErrorNotice error={runs.error} onRetry={runs.reload} />}
      <RunHistory runs={runs.data ?? []} />
      {landed.error !== undefined && <ErrorNotice error={landed.error} onRetry={landed.reload} />}
      <QuarantinedFiles files={landed.data ?? []} />
      {staged.error !== undefined && <ErrorNotice error={staged.error} onRetry={staged.reload} />}
      <StagedFiles files={staged.data?.files ?? []} problem={staged.data?.problem ?? null} />
    </>
  );
}
