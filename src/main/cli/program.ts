import { Command } from 'commander';
import { appVersion } from '../app/version';
import { registerBuild } from './commands/build';
import { registerDemo } from './commands/demo';
import { registerExport } from './commands/export';
import { registerServe } from './commands/serve';
import { registerSettings } from './commands/settings';
import { registerSnowflake } from './commands/snowflake';
import { registerStart } from './commands/start';
import { registerStatus } from './commands/status';
import { registerSync } from './commands/sync';
import { registerCredentials } from './commands/vault';

/**
 * The `puente` command line. Only commands whose capability is built are registered: the help
 * lists what is real.
 */
export function buildProgram(): Command {
  const program = new Command('puente')
    .description('Puente: portal extraction, staging, warehouse and reconciliation for collections analysts')
    .version(appVersion(), '-v, --version')
    .option('--data-dir <dir>', 'data dir (env PUENTE_DATA_DIR; default: the per-user app data folder)')
    .option('--config <file>', 'settings file (default: settings.json in the data dir)')
    .option('--json', 'JSON Lines logs and JSON output, for schedulers')
    .showHelpAfterError()
    .configureHelp({ sortSubcommands: false });
  registerDemo(program);
  registerSync(program);
  registerBuild(program);
  registerStatus(program);
  registerExport(program);
  registerSettings(program);
  registerCredentials(program);
  registerSnowflake(program);
  registerServe(program);
  registerStart(program);
  return program;
}
