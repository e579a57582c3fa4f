import type { Command } from 'commander';
import type { StatusReport } from '../../../shared/status';
import { appFor, print } from '../context';

function printHuman(report: StatusReport): void {
  print(`Puente ${report.version}`);
  print(`Data dir:   ${report.dataDir}`);
  print(
    `Settings:   ${report.settingsFile}${report.settingsPresent ? '' : ' (not created yet: using defaults)'}`,
  );
  print(`Stage:      ${report.stage}`);
  print(`Warehouse:  ${report.warehouse}`);
  if (report.empty) {
    print('');
    print('This data dir is empty: no run has happened yet and no file has been landed.');
    print('Run `puente demo` for a demo world, or configure the portals and run `puente sync`.');
    return;
  }
  print(
    `Landed files: ${report.landedFiles}   Quarantined: ${report.quarantinedFiles}   Waiting to be staged: ${report.pendingFiles}`,
  );
  print('');
  print('Sources (last day read):');
  for (const source of report.freshness) {
    print(
      `  ${source.report.padEnd(18)} ${String(source.files).padStart(6)} files   last read ${source.lastSnapshot}`,
    );
  }
  print('');
  print('Last runs:');
  for (const run of report.runs.slice(0, 10)) {
    const failed = run.steps.find((step) => step.state === 'failed');
    print(
      `  ${run.runId}  ${run.command.padEnd(6)} ${run.state.padEnd(11)} ${run.startedAt}${
        failed ? `  failed at ${failed.step}: ${failed.detail ?? ''}` : ''
      }`,
    );
  }
}

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('last runs, landed and quarantined files, stage and warehouse in use')
    .action((_options, command: Command) => {
      const app = appFor(command);
      const report = app.status();
      if (command.optsWithGlobals<{ json?: boolean }>().json) print(JSON.stringify(report, null, 2));
      else printHuman(report);
    });
}
