import { type Command, InvalidArgumentError } from 'commander';
import { serveUntilStopped } from '../../server/browser-mode';
import { appFor, print } from '../context';

export function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidArgumentError('use a port number from 0 to 65535 (0 picks a free one)');
  }
  return port;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('browser mode: the app over HTTP on 127.0.0.1, protected by a per-launch token')
    .option('--port <n>', 'port to listen on (0 picks a free one)', parsePort, 0)
    .option('--open', 'also open the address in the system browser')
    .action(async (options: { port: number; open?: boolean }, command: Command) => {
      await serveUntilStopped(appFor(command), { port: options.port, open: options.open ?? false, print });
    });
}
