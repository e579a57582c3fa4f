import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { App } from '../app/create-app';
import { type RunningServer, startServer } from './http-server';

/** The built renderer beside the built main process (out/main -> out/renderer). */
export function defaultRendererDir(): string {
  return join(__dirname, '..', 'renderer');
}

/** True where a system browser can be shown: always on Windows and macOS, with a display on Linux. */
export function canOpenBrowser(env: NodeJS.ProcessEnv = process.env, platform = process.platform): boolean {
  if (platform === 'win32' || platform === 'darwin') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

export function openInSystemBrowser(url: string, platform = process.platform): void {
  const [command, args] =
    platform === 'win32'
      ? ['cmd', ['/c', 'start', '""', url]]
      : platform === 'darwin'
        ? ['open', [url]]
        : ['xdg-open', [url]];
  const child = spawn(command, args as string[], { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
}

/**
 * Runs browser mode until SIGINT or SIGTERM: prints the address (with its token) as the first
 * line on stdout, optionally opens it, and closes the server and the app cleanly on the signal.
 */
export async function serveUntilStopped(
  app: App,
  options: { port: number; open: boolean; print: (line: string) => void },
): Promise<RunningServer> {
  const server = await startServer(app, { port: options.port, rendererDir: defaultRendererDir() });
  options.print(server.url);
  if (options.open) openInSystemBrowser(server.url);
  const stop = () => {
    void server
      .close()
      .then(() => app.close())
      .then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return server;
}
