import type { Command } from 'commander';
import { runSync } from '../../jobs/sync';
import { appFor, print } from '../context';
import { terminalProgress } from '../progress';

export function registerSync(program: Command): void {
  program
    .command('sync')
    .description('land new sources, stage, load, build and test; idempotent; exit code 1 on failure')
    .option('--no-build', 'land, stage and load only')
    .action(async (options: { build: boolean }, command: Command) => {
      const app = appFor(command);
      try {
        const run = await runSync(app, { onProgress: terminalProgress(), skipBuild: !options.build });
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
