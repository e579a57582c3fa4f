import { Scheduler } from '../jobs/scheduler';
import type { ApiContext, ApiHandlers } from './context';
import { SyncRunner } from './sync-runner';

/** The background sync and the daily schedule that starts it, one of each per API. */
export interface SyncService {
  runner: SyncRunner;
  scheduler: Scheduler;
}

export function createSyncService(context: ApiContext): SyncService {
  const runner = new SyncRunner(context);
  const log = context.app.logger.child({ component: 'scheduler' });
  const scheduler = new Scheduler({
    now: context.hooks.now ?? (() => new Date()),
    schedule: () => context.app.settings().schedule,
    busy: () => runner.runningId !== undefined,
    startSync: () => {
      try {
        runner.start({}, 'schedule');
      } catch (error) {
        // Another process (puente sync) may hold the data dir: the next day tries again.
        log.warn('the scheduled sync did not start', { error: (error as Error).message });
      }
    },
    onSkip: (reason) => log.info(`scheduled sync skipped: ${reason}`),
  });
  return { runner, scheduler };
}

export function syncHandlers(
  { app }: ApiContext,
  { runner, scheduler }: SyncService,
): ApiHandlers<'sync.run' | 'sync.current' | 'runs.list'> {
  return {
    'sync.run': (input) => ({ runId: runner.start(input, 'manual') }),
    'sync.current': () => runner.snapshot(scheduler.next()),
    'runs.list': ({ limit }) => app.runs.list(limit),
  };
}
