import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ProgressEvent, ProgressListener } from '../../shared/progress';
import type { RunStep, RunSummary } from '../../shared/status';
import type { App } from '../app/create-app';
import { build } from '../models/build';
import { todayIso } from '../portals/dates';
import { loadPending } from './load-staged';
import { landLocalSources } from './local-sources';
import { startRun } from './run-history';
import { RunLock } from './run-lock';
import { stagePending } from './stage-landed';
import { StagingLog } from './staging-log';

/** What the extraction step reports back to the pipeline (the Playwright runner implements it). */
export interface ExtractStepResult {
  landedNew: number;
  failures: string[];
}

export type ExtractStep = (context: {
  app: App;
  runId: string;
  runFolder: string;
  today: string;
  onProgress?: ProgressListener;
}) => Promise<ExtractStepResult>;

export interface SyncOptions {
  /** Portal extraction; absent when no portal is configured or chosen (local sources still sync). */
  extract?: ExtractStep;
  /** The snapshot date: the day the portals are read (the simulator's day in the demo). */
  today?: string;
  onProgress?: ProgressListener;
  /** Skip the model build (e.g. loading only). */
  skipBuild?: boolean;
}

const STEPS: RunStep['step'][] = ['extract', 'stage', 'ingest', 'build', 'test'];

/**
 * The sync: extract -> land -> parse/stage -> ingest -> build -> test. Every step works from what is
 * pending on disk (landed but not staged, staged but not loaded), not from what this run produced, so a
 * run that was killed anywhere is completed by the next one. One sync per data dir at a time.
 */
export async function runSync(app: App, options: SyncOptions = {}): Promise<RunSummary> {
  const runId = app.logger.runId;
  const log = app.logger.child({ command: 'sync' });
  const lock = new RunLock(join(app.dataDir.root, 'sync.lock'));
  const stale = lock.acquire(runId);
  if (stale) log.warn('took over a stale sync lock', { staleRun: stale.runId, stalePid: stale.pid });
  const run = startRun(runId, 'sync', STEPS);
  const runFolder = join(app.dataDir.runs, runId);
  mkdirSync(runFolder, { recursive: true });
  const today = options.today ?? todayIso();
  const emit = (step: RunStep['step'], event: Omit<ProgressEvent, 'runId' | 'step'>) =>
    options.onProgress?.({ runId, step, ...event });

  const step = async <T>(name: RunStep['step'], work: () => Promise<T>, describe: (result: T) => string) => {
    const record = run.steps.find((s) => s.step === name);
    if (!record) throw new Error(`unknown step ${name}`);
    record.state = 'running';
    record.startedAt = new Date().toISOString();
    app.runs.save(run);
    try {
      const result = await work();
      record.state = 'done';
      record.detail = describe(result);
      log.info(`${name}: ${record.detail}`);
      return result;
    } catch (error) {
      record.state = 'failed';
      record.detail = app.redactor.scrubText((error as Error).message);
      throw error;
    } finally {
      record.finishedAt = new Date().toISOString();
      app.runs.save(run);
    }
  };

  try {
    app.runs.save(run);
    const landing = await app.landing();
    const extract = options.extract;
    const extracted = await step(
      'extract',
      async () => {
        const local = await landLocalSources(landing, app.settings(), {
          runId,
          snapshotDate: today,
          quarantineDir: app.dataDir.quarantine,
        });
        const portals = extract
          ? await extract({ app, runId, runFolder, today, onProgress: options.onProgress })
          : { landedNew: 0, failures: [] };
        return { local, portals };
      },
      ({ local, portals }) =>
        `${portals.landedNew} new portal files, ${local.cfdiNew} new of ${local.cfdiFiles} CFDI files, PAQ ${local.paq}` +
        (portals.failures.length ? `; ${portals.failures.length} portal failures` : ''),
    );

    const stagingLog = new StagingLog(join(app.dataDir.root, 'staged.jsonl'));
    const stage = await app.stage();
    await step(
      'stage',
      () =>
        stagePending({
          landing,
          stage,
          log: stagingLog,
          quarantineDir: app.dataDir.quarantine,
          runId,
          onFile: (entry, outcome, done, total) =>
            emit('stage', {
              task: entry.originalName,
              state: outcome.status === 'parsed' ? 'done' : 'failed',
              done,
              total,
              rows: outcome.status === 'parsed' ? outcome.rows : undefined,
              message:
                outcome.status === 'quarantined'
                  ? outcome.message
                  : outcome.extraColumns.length
                    ? `new columns kept in the raw file, not loaded: ${outcome.extraColumns.join(', ')}`
                    : undefined,
            }),
        }),
      ({ files, keys }) => {
        const quarantined = [...files.values()].filter((r) => r.status === 'quarantined').length;
        const extra = [
          ...new Set([...files.values()].flatMap((r) => (r.status === 'parsed' ? r.extraColumns : []))),
        ];
        if (extra.length) log.warn('files carry columns Puente does not know yet', { columns: extra });
        return `${files.size - quarantined} files parsed into ${keys.length} staged files, ${quarantined} quarantined`;
      },
    );

    const session = await app.warehouse();
    await step(
      'ingest',
      async () => {
        const outcomes = await loadPending(session, stage, stagingLog, runFolder, (outcome, done, total) =>
          emit('ingest', { task: outcome.key, state: 'done', done, total, rows: outcome.rows }),
        );
        // The loaded rows go from DuckDB's write-ahead log into the file here, as the end of the ingest,
        // rather than in whichever model of the build first crosses the checkpoint threshold.
        if (session.dialect === 'duckdb') await session.run('CHECKPOINT');
        return outcomes;
      },
      (outcomes) => {
        const loaded = outcomes.filter((o) => o.status === 'loaded');
        return `${loaded.length} files loaded (${loaded.reduce((sum, o) => sum + o.rows, 0)} rows), ${outcomes.length - loaded.length} already loaded`;
      },
    );

    if (options.skipBuild) {
      markSkipped(run, 'build', 'skipped by request');
      markSkipped(run, 'test', 'skipped by request');
    } else {
      const result = await step(
        'build',
        () => build(session, { vars: app.settings().models, skipTests: false }),
        (built) => `${built.models.length} models in ${Math.round(built.ms)} ms`,
      );
      await step(
        'test',
        async () => {
          const failing = result.tests.filter((test) => test.failures > 0);
          if (failing.length) {
            throw new Error(
              `${failing.length} of ${result.tests.length} data tests failed: ${failing
                .map((test) => `${test.name} (${test.failures})`)
                .join(', ')}`,
            );
          }
          return result.tests.length;
        },
        (count) => `${count} data tests passed`,
      );
    }
    const failures = extracted.portals.failures;
    run.state = failures.length ? 'failed' : 'succeeded';
    if (failures.length) run.error = failures.join('; ');
  } catch (error) {
    run.state = 'failed';
    run.error = app.redactor.scrubText((error as Error).message);
    log.error('sync failed', { error: run.error });
  } finally {
    run.finishedAt = new Date().toISOString();
    app.runs.save(run);
    lock.release(runId);
  }
  return run;
}

function markSkipped(run: RunSummary, name: RunStep['step'], detail: string): void {
  const record = run.steps.find((s) => s.step === name);
  if (record && record.state === 'pending') Object.assign(record, { state: 'skipped', detail });
}
