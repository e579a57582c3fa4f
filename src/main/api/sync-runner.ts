import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CaptchaPrompt, SyncCurrent, SyncLogLine, SyncRunInput } from '../../shared/api';
import type { ProgressEvent } from '../../shared/progress';
import type { RunSummary } from '../../shared/status';
import type { App } from '../app/create-app';
import { decideNotifications, type NotificationMemory, readNotificationFacts } from '../jobs/notifications';
import { portalExtractStep } from '../jobs/portal-extract';
import { runSync } from '../jobs/sync';
import { newRunId } from '../log/logger';
import type { CaptchaRequest } from '../portals/types';
import { RefusedRequest } from '../util/refused';
import type { ApiContext } from './context';

const LOG_TAIL = 200;

export class SyncBusyError extends RefusedRequest {
  constructor(runId: string) {
    super(`A sync is already running (run ${runId}): wait for it to finish.`);
    this.name = 'SyncBusyError';
  }
}

interface CurrentRun {
  runId: string;
  trigger: 'manual' | 'schedule';
  progress: Map<string, ProgressEvent>;
  captcha: CaptchaPrompt | null;
  log: SyncLogLine[];
}

/** Portals take part only when at least one is configured and enabled; local sources always sync. */
function portalsConfigured(app: App): boolean {
  const { sai, prei } = app.settings().portals;
  return Boolean((sai?.enabled && sai.url) || (prei?.enabled && prei.url));
}

/**
 * Runs syncs in the background of the main process for the UI and the schedule: one at a time,
 * each with its own run id, its progress, captcha prompts and log lines sent as API events, and
 * the notifications it causes decided when it ends.
 */
export class SyncRunner {
  private current: CurrentRun | undefined;
  private last: CurrentRun | undefined;
  private finished: Promise<RunSummary> | undefined;

  constructor(private readonly context: Pick<ApiContext, 'app' | 'events' | 'hooks' | 'warehouse'>) {}

  get runningId(): string | undefined {
    return this.current?.runId;
  }

  /** Resolves when the running sync (if any) has ended and its events were sent. */
  whenIdle(): Promise<RunSummary | undefined> {
    return this.finished ?? Promise.resolve(undefined);
  }

  /** The running (or, when idle, the last) run as a page opening now needs it. */
  snapshot(nextScheduled: Date | null): SyncCurrent {
    const run = this.current ?? this.last;
    return {
      runId: this.current?.runId ?? null,
      trigger: this.current?.trigger ?? null,
      progress: run ? [...run.progress.values()] : [],
      captcha: this.current?.captcha ?? null,
      log: run?.log ?? [],
      nextScheduled: nextScheduled?.toISOString() ?? null,
    };
  }

  /** Starts a sync and returns its run id at once; refuses while another one runs in this process. */
  start(input: SyncRunInput, trigger: CurrentRun['trigger']): string {
    if (this.current) throw new SyncBusyError(this.current.runId);
    const { app, events, hooks } = this.context;
    const runId = newRunId(hooks.now?.());
    const run: CurrentRun = { runId, trigger, progress: new Map(), captcha: null, log: [] };
    this.current = run;
    const logger = app.logger.child({ trigger }, runId);
    const removeSink = app.logger.addSink((record) => {
      if (record.runId !== runId) return;
      const line: SyncLogLine = { runId, time: record.time, level: record.level, msg: record.msg };
      run.log.push(line);
      if (run.log.length > LOG_TAIL) run.log.shift();
      events.emit('sync.log', line);
    });
    const onProgress = (event: ProgressEvent) => {
      run.progress.set(`${event.step}:${event.task}`, event);
      events.emit('sync.progress', event);
    };
    const extract = portalsConfigured(app)
      ? portalExtractStep({
          sources: input.sources,
          from: input.from,
          to: input.to,
          tuning: hooks.tuning,
          onCaptcha: (request) => this.promptCaptcha(run, request),
        })
      : undefined;
    events.emit('sync.started', { runId, trigger });
    logger.info(`sync started (${trigger})`);
    this.finished = runSync({ ...app, logger }, { extract, today: hooks.today?.(), onProgress })
      .catch((error: unknown): RunSummary => {
        // The run lock refused (a sync of another process holds the data dir): no run record exists.
        const message = app.redactor.scrubText((error as Error).message);
        logger.error(message);
        return {
          runId,
          command: 'sync',
          startedAt: new Date().toISOString(),
          state: 'failed',
          steps: [],
          error: message,
        };
      })
      .then(async (summary) => {
        removeSink();
        this.last = run;
        this.current = undefined;
        events.emit('sync.finished', summary);
        await this.notify(summary);
        return summary;
      });
    return runId;
  }

  private async promptCaptcha(run: CurrentRun, request: CaptchaRequest): Promise<void> {
    const prompt: CaptchaPrompt = {
      runId: run.runId,
      portal: request.portal,
      message: request.message,
      visible: request.visible,
      timeoutMs: request.timeoutMs,
      since: new Date().toISOString(),
      state: 'waiting',
    };
    run.captcha = prompt;
    this.context.events.emit('sync.captcha', prompt);
    void request.settled.then((state) => {
      run.captcha = null;
      this.context.events.emit('sync.captcha', { ...prompt, state });
    });
    await this.context.hooks.onCaptcha?.(request);
  }

  private async notify(run: RunSummary): Promise<void> {
    const { app, events, hooks, warehouse } = this.context;
    const settings = app.settings();
    if (!settings.notifications.enabled) return;
    try {
      const memoryFile = join(app.dataDir.root, 'notifications.json');
      const memory: NotificationMemory = existsSync(memoryFile)
        ? (JSON.parse(readFileSync(memoryFile, 'utf8')) as NotificationMemory)
        : { lastSnapshot: null };
      const facts =
        settings.warehouse.kind === 'duckdb' && run.state === 'succeeded'
          ? await readNotificationFacts(await warehouse())
          : { snapshot: null, changes: [], waiting: [] };
      const decided = decideNotifications({
        run,
        facts,
        memory,
        stuckDays: settings.notifications.stuckDays,
        locale: settings.locale,
      });
      writeFileSync(memoryFile, `${JSON.stringify(decided.memory)}\n`);
      for (const notification of decided.notifications) {
        events.emit('notifications.show', notification);
        hooks.notify?.(notification);
      }
    } catch (error) {
      app.logger.warn('notifications could not be decided', { error: (error as Error).message });
    }
  }
}
