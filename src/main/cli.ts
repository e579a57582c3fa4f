import { buildProgram } from './cli/program';
import { SettingsError } from './settings/errors';

/** Entry of the `puente` command: parses, runs, and turns any failure into one clear line and exit code 1. */
buildProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    const message = error instanceof SettingsError ? error.message : `puente: ${(error as Error).message}`;
    process.stderr.write(`${message}\n`);
    process.exitCode = error instanceof SettingsError ? 78 : 1;
  });
