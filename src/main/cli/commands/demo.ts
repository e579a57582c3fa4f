import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Command } from 'commander';
import type * as SimulatorModule from '../../../../tests/sim/index';
import { createApp } from '../../app/create-app';
import { portalExtractStep } from '../../jobs/portal-extract';
import { runSync } from '../../jobs/sync';
import { serveUntilStopped } from '../../server/browser-mode';
import { defaultDataDir } from '../../settings/data-dir';
import { type GlobalOptions, print } from '../context';
import { terminalProgress } from '../progress';

type Simulator = typeof SimulatorModule;

/**
 * The simulated portals ship beside the built CLI (out/main/sim-lib.js), never inside it: the
 * path is computed so the bundler leaves the import alone.
 */
async function loadSimulator(): Promise<Simulator> {
  const built = join(__dirname, 'sim-lib.js');
  if (!existsSync(built)) throw new Error('The simulated portals are not built: run `npm run build` first.');
  return (await import(/* @vite-ignore */ pathToFileURL(built).href)) as Simulator;
}

/** The demo never touches the analyst's real data: it has a data dir of its own unless told otherwise. */
function demoDataDir(options: GlobalOptions): string {
  return options.dataDir ?? process.env.PUENTE_DATA_DIR ?? `${defaultDataDir()} Demo`;
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description(
      'start the simulated portals, sync the demo world into a fresh embedded default, open the UI',
    )
    .option('--no-open', 'open no window: print the UI address, then a line `ready`')
    .option('--port <n>', 'browser mode port (0 picks a free one)', (text) => Number.parseInt(text, 10), 0)
    .action(async (options: { open: boolean; port: number }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const simulator = await loadSimulator();
      const sim = await simulator.startSimulator({
        faults: { sai: { exportDelayMs: 200 }, prei: { ajaxDelayMs: 100 } },
      });
      const app = createApp({
        dataDir: demoDataDir(globals),
        configFile: globals.config,
        json: globals.json,
      });
      process.stderr.write(
        `Demo world: ${sim.world.params.startDate}..${sim.asOf}; SAI at ${sim.saiUrl}, PREI at ${sim.preiUrl}; data dir ${app.dataDir.root}\n`,
      );
      await simulator.configureDemo(app, sim);
      const run = await runSync(app, {
        today: sim.asOf,
        onProgress: terminalProgress(),
        extract: portalExtractStep({
          tuning: { canShowWindow: false },
          onCaptcha: (request) => simulator.solveCaptchaAsPerson(sim, request.page),
        }),
      });
      process.stderr.write('\n');
      for (const step of run.steps)
        process.stderr.write(`  ${step.step.padEnd(8)} ${step.state.padEnd(8)} ${step.detail ?? ''}\n`);
      if (run.state !== 'succeeded') {
        await sim.close();
        await app.close();
        throw new Error(`the demo sync ${run.state}: ${run.error ?? 'see the steps above'}`);
      }
      await serveUntilStopped(app, { port: options.port, open: options.open, print });
      if (!options.open) print('ready');
    });
}
