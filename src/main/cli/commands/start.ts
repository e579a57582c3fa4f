import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Command } from 'commander';
import { findElectronBinary } from '../../electron/binary';
import { canOpenBrowser, serveUntilStopped } from '../../server/browser-mode';
import { appFor, type GlobalOptions, print } from '../context';
import { parsePort } from './serve';

/** The package root Electron starts from (its package.json names out/main/index.js). */
function packageRoot(): string {
  return join(__dirname, '..', '..');
}

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('open the app: Electron where its binary is present, browser mode otherwise')
    .option('--port <n>', 'browser mode port (0 picks a free one)', parsePort, 0)
    .action(async (options: { port: number }, command: Command) => {
      const electron = findElectronBinary();
      if (electron.found) {
        const { dataDir } = command.optsWithGlobals<GlobalOptions>();
        const env = dataDir ? { ...process.env, PUENTE_DATA_DIR: dataDir } : process.env;
        const child = spawn(electron.path, [packageRoot()], { stdio: 'inherit', env });
        await new Promise<void>((resolve) =>
          child.on('exit', (code) => {
            process.exitCode = code ?? 1;
            resolve();
          }),
        );
        return;
      }
      const open = canOpenBrowser();
      process.stderr.write(
        `puente: Electron is not available (${electron.reason}); starting browser mode${
          open ? ' in the system browser' : ': open the address below in a browser'
        }.\n`,
      );
      await serveUntilStopped(appFor(command), { port: options.port, open, print });
    });
}
