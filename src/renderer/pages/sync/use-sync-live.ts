import { useEffect, useState } from 'react';
import type { CaptchaPrompt, SyncLogLine } from '../../../shared/api';
import type { ProgressEvent } from '../../../shared/progress';
import type { RunSummary } from '../../../shared/status';
import type { ApiClient } from '../../api/client';

const LOG_LINES = 200;

export interface SyncLive {
  runId: string | null;
  running: boolean;
  /** Latest event per step and task, in arrival order. */
  progress: ProgressEvent[];
  captcha: CaptchaPrompt | null;
  log: SyncLogLine[];
  nextScheduled: string | null;
  lastFinished: RunSummary | null;
  /** Changes whenever the tables (runs, files) may have changed. */
  version: number;
}

const INITIAL: SyncLive = {
  runId: null,
  running: false,
  progress: [],
  captcha: null,
  log: [],
  nextScheduled: null,
  lastFinished: null,
  version: 0,
};

function withEvent(progress: ProgressEvent[], event: ProgressEvent): ProgressEvent[] {
  const index = progress.findIndex((known) => known.step === event.step && known.task === event.task);
  if (index < 0) return [...progress, event];
  const next = progress.slice();
  next[index] = event;
  return next;
}

/** The sync as it happens: caught up from sync.current on mount, then kept live by the sync events. */
export function useSyncLive(client: ApiClient): SyncLive {
  const [live, setLive] = useState<SyncLive>(INITIAL);

  useEffect(() => {
    let active = true;
    client.call('sync.current', {}).then((current) => {
      if (!active) return;
      setLive((state) => ({
        ...state,
        runId: current.runId ?? state.runId,
        running: current.runId !== null || state.running,
        progress: state.progress.length ? state.progress : current.progress,
        captcha: current.captcha,
        log: state.log.length ? state.log : current.log,
        nextScheduled: current.nextScheduled,
      }));
    }, console.error);
    const stops = [
      client.on('sync.started', ({ runId }) =>
        setLive((state) => ({
          ...state,
          runId,
          running: true,
          progress: [],
          log: [],
          captcha: null,
          version: state.version + 1,
        })),
      ),
      client.on('sync.progress', (event) =>
        setLive((state) => ({ ...state, progress: withEvent(state.progress, event) })),
      ),
      client.on('sync.captcha', (captcha) => setLive((state) => ({ ...state, captcha }))),
      client.on('sync.log', (line) =>
        setLive((state) => ({ ...state, log: [...state.log, line].slice(-LOG_LINES) })),
      ),
      client.on('sync.finished', (run) => {
        setLive((state) => ({ ...state, running: false, lastFinished: run, version: state.version + 1 }));
        client
          .call('sync.current', {})
          .then(
            (current) => active && setLive((state) => ({ ...state, nextScheduled: current.nextScheduled })),
            console.error,
          );
      }),
    ];
    return () => {
      active = false;
      for (const stop of stops) stop();
    };
  }, [client]);

  return live;
}
