import { join } from 'node:path';
import { extract } from '../portals/runner';
import type { ExtractionResult, ExtractOptions, ExtractSource } from '../portals/types';
import type { ExtractStep } from './sync';

/** What the person or scheduler chose for this run's extraction. */
export type PortalChoices = Pick<
  ExtractOptions,
  'from' | 'to' | 'headful' | 'onCaptcha' | 'tuning' | 'force' | 'signal'
> & {
  sources?: ExtractSource[];
  /** Receives the runner's full result (the demo and the UI show per-report counts). */
  onResult?: (result: ExtractionResult) => void;
};

/** The sync's extract step, backed by the Playwright runner over the configured portals. */
export function portalExtractStep(choices: PortalChoices = {}): ExtractStep {
  return async ({ app, runId, runFolder, today, onProgress }) => {
    const { onResult, ...options } = choices;
    const result = await extract({
      ...options,
      settings: app.settings().portals,
      vault: app.vault,
      redactor: app.redactor,
      logger: app.logger,
      landing: await app.landing(),
      quarantineDir: app.dataDir.quarantine,
      runId,
      runFolder,
      windowsStateFile: join(app.dataDir.root, 'portals', 'windows.json'),
      today,
      onProgress,
    });
    onResult?.(result);
    const landed = result.reports.flatMap((report) => report.landed);
    return {
      landedNew: landed.filter((download) => download.isNew).length,
      failures: result.reports.flatMap((report) =>
        report.failures.map(
          (failure) =>
            `${report.source}${failure.window ? ` ${failure.window.from}..${failure.window.to}` : ''}: ${failure.message}`,
        ),
      ),
    };
  };
}
