import { useTranslation } from 'react-i18next';
import type { ProgressEvent } from '../../../shared/progress';
import type { RunStep } from '../../../shared/status';

const STEPS: RunStep['step'][] = ['extract', 'stage', 'ingest', 'build', 'test'];

interface Bar {
  done: number;
  total: number;
}

function bar(events: ProgressEvent[]): Bar {
  const last = events.at(-1);
  return { done: last?.done ?? 0, total: last?.total ?? 0 };
}

function ProgressRow({
  label,
  value,
  state,
  testId,
}: {
  label: string;
  value: Bar;
  state: RunStep['state'];
  testId: string;
}) {
  const { t } = useTranslation();
  const complete = state === 'done' || state === 'skipped' || state === 'failed';
  const max = Math.max(value.total, 1);
  const current = complete ? max : Math.min(value.done, max);
  return (
    <div className={`progress-row progress-${state}`} data-testid={testId} data-state={state}>
      <span className="progress-label">{label}</span>
      {state === 'running' && value.total === 0 ? (
        <progress aria-label={label} />
      ) : (
        <progress aria-label={label} max={max} value={state === 'pending' ? 0 : current} />
      )}
      <span className="progress-count">
        {value.total > 0 &&
          t('sync.ofTotal', { done: complete ? value.total : value.done, total: value.total })}
      </span>
      <span className={`chip chip-step-${state}`}>{t(`sync.stepStates.${state}`)}</span>
    </div>
  );
}

/** A bar per step of the run, then a bar and a list of windows per portal report. */
export function SyncProgress({ progress, steps }: { progress: ProgressEvent[]; steps: RunStep[] }) {
  const { t } = useTranslation();
  const stateOf = (step: RunStep['step']): RunStep['state'] => {
    const known = steps.find((s) => s.step === step)?.state;
    if (known) return known;
    return progress.some((event) => event.step === step) ? 'running' : 'pending';
  };
  const windows = progress.filter((event) => event.step === 'extract');
  const sources = [...new Set(windows.map((event) => event.task.split(' ')[0] ?? event.task))];
  return (
    <section className="panel" aria-labelledby="sync-progress">
      <h2 id="sync-progress">{t('sync.progress')}</h2>
      <ol className="progress-list">
        {STEPS.map((step) => (
          <li key={step}>
            <ProgressRow
              label={t(`sync.steps.${step}`)}
              value={bar(progress.filter((event) => event.step === step))}
              state={stateOf(step)}
              testId={`step-${step}`}
            />
          </li>
        ))}
      </ol>
      {sources.length > 0 && (
        <>
          <h3>{t('sync.windows')}</h3>
          {sources.map((source) => {
            const tasks = windows.filter((event) => event.task.startsWith(`${source} `));
            const done = tasks.filter(
              (event) => event.state !== 'planned' && event.state !== 'running',
            ).length;
            const failed = tasks.some((event) => event.state === 'failed');
            const state: RunStep['state'] = done < tasks.length ? 'running' : failed ? 'failed' : 'done';
            return (
              <details key={source} className="windows" data-testid={`windows-${source}`}>
                <summary>
                  <ProgressRow
                    label={t(`sync.sourceNames.${source}`, { defaultValue: source })}
                    value={{ done, total: tasks.length }}
                    state={state}
                    testId={`source-${source}`}
                  />
                </summary>
                <ul className="window-list">
                  {tasks.map((event) => (
                    <li key={event.task}>
                      <code>{event.task.slice(source.length + 1)}</code>{' '}
                      <span className={`chip chip-task-${event.state}`}>
                        {t(`sync.taskStates.${event.state}`)}
                      </span>
                      {event.rows !== undefined && (
                        <span className="muted">
                          {' '}
                          {t('sync.rows')}: {event.rows}
                        </span>
                      )}
                      {event.message && <span className="muted"> {event.message}</span>}
                    </li>
                  ))}
                </ul>
              </details>
            );
          })}
        </>
      )}
    </section>
  );
}
