import type { Command } from 'commander';
import { build } from '../../models/build';
import { appFor, print } from '../context';

export function registerBuild(program: Command): void {
  program
    .command('build')
    .description('render and run the reconciliation models, then the data tests')
    .option('--full-refresh', 'rebuild incremental models from scratch')
    .action(async (options: { fullRefresh?: boolean }, command: Command) => {
      const app = appFor(command);
      try {
        const result = await build(await app.warehouse(), {
          vars: app.settings().models,
          fullRefresh: options.fullRefresh,
        });
        const failing = result.tests.filter((test) => test.failures > 0);
        if (command.optsWithGlobals<{ json?: boolean }>().json) print(JSON.stringify(result, null, 2));
        else {
          for (const relation of result.retired)
            print(`  ${relation.padEnd(44)} dropped (no longer a model)`);
          for (const model of result.models) {
            print(
              `  ${model.relation.padEnd(44)} ${model.mode.padEnd(11)} ${String(model.rows ?? 'view').padStart(9)}  ${Math.round(model.ms)} ms`,
            );
          }
          print(
            `${result.models.length} models built in ${Math.round(result.ms)} ms; ${result.tests.length - failing.length} of ${result.tests.length} data tests passed`,
          );
          for (const test of failing)
            print(`  FAILED ${test.name}: ${test.failures} rows, e.g. ${JSON.stringify(test.sample[0])}`);
        }
        if (failing.length) process.exitCode = 1;
      } finally {
        await app.close();
      }
    });
}
