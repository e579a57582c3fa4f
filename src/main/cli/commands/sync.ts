import type { Command } from 'commander';
import type { App } from '../../app/create-app';
import { portalExtractStep } from '../../jobs/portal-extract';
import { runSync } from '../../jobs/sync';
import { EXTRACT_SOURCES, type ExtractSource } from '../../portals/types';
import { appFor, print } from '../context';
import { terminalProgress } from '../progress';

interface SyncFlags {
  sources?: string;
  from?: string;
  to?: string;
  headful?: boolean;
  build: boolean;
}

function parseSources(text: string | undefined): ExtractSource[] | undefined {
  if (!text) return undefined;
  const chosen = text.split(',').map((name) => name.trim());
  const unknown = chosen.filter((name) => !(EXTRACT_SOURCES as readonly string[]).includes(name));
  if (unknown.length)
    throw new Error(`Unknown source ${unknown.join(', ')}: use ${EXTRACT_SOURCES.join(', ')}`);
  return chosen as ExtractSource[];
}

function isoDate(text: string | undefined, flag: string): string | undefined {
  if (text !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(text))
    throw new Error(`${flag} takes an ISO date, YYYY-MM-DD`);
  return text;
}

/** Portals take part only when at least one is configured; local sources always sync. */
function hasPortals(app: App): boolean {
  const { sai, prei } = app.settings().portals;
  return Boolean((sai?.enabled && sai.url) || (prei?.enabled && prei.url));
}

export function registerSync(program: Command): void {
  program
    .command('sync')
    .description(
      'extract, land, stage, load, build and test; idempotent and resumable; exit code 1 on failure',
    )
    .option(
      '--sources <list>',
      `portal reports to extract (${EXTRACT_SOURCES.join(',')}); default: all configured`,
    )
    .option('--from <date>', 'first day to extract (default: the backfill start, then only open windows)')
    .option('--to <date>', 'last day to extract (default: today)')
    .option('--headful', 'show the browser (needed once for the SAI captcha on a desktop)')
    .option('--no-build', 'land, stage and load only')
    .action(async (flags: SyncFlags, command: Command) => {
      const app = appFor(command);
      try {
        const sources = parseSources(flags.sources);
        const extract = hasPortals(app)
          ? portalExtractStep({
              sources,
              from: isoDate(flags.from, '--from'),
              to: isoDate(flags.to, '--to'),
              headful: flags.headful,
              onCaptcha: (request) => {
                process.stderr.write(`\n${request.message}\n`);
              },
            })
          : undefined;
        if (!extract) process.stderr.write('No portal is configured: syncing the local sources only.\n');
        const run = await runSync(app, { extract, onProgress: terminalProgress(), skipBuild: !flags.build });
        print('');
        for (const step of run.steps)
          print(`  ${step.step.padEnd(8)} ${step.state.padEnd(8)} ${step.detail ?? ''}`);
        print(`Run ${run.runId} ${run.state}${run.error ? `: ${run.error}` : ''}`);
        if (run.state !== 'succeeded') process.exitCode = 1;
      } finally {
        await app.close();
      }
    });
}
