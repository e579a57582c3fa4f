import type { Command } from 'commander';
import { type App, createApp } from '../app/create-app';

/** Global options every command accepts (see `puente --help`). */
export interface GlobalOptions {
  dataDir?: string;
  config?: string;
  json?: boolean;
}

/** Builds the app from the global options of the command being run. */
export function appFor(command: Command): App {
  const options = command.optsWithGlobals<GlobalOptions>();
  return createApp({ dataDir: options.dataDir, configFile: options.config, json: options.json });
}

/** Lines meant for the person at the terminal go to stdout; logs go to stderr. */
export function print(line = ''): void {
  process.stdout.write(`${line}\n`);
}
