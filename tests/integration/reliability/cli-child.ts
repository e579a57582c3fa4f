import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** The built command line (npm test builds it first). */
export const CLI = join(__dirname, '..', '..', '..', 'out', 'main', 'cli.js');

export interface ChildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** stdout and stderr interleaved as they arrived. */
  output: string;
  ms: number;
}

/** What a kill trigger sees: the output so far and the time since the start. */
export interface ChildState {
  output: string;
  elapsedMs: number;
  /** The child's process id (e.g. to pause it with SIGSTOP). */
  pid: number;
}

/**
 * Runs `node out/main/cli.js <args>`; when `killWhen` first holds (checked on every output chunk and
 * every few milliseconds) the process gets SIGKILL: no handler, no cleanup, like a power cut.
 */
export function runCli(
  args: string[],
  killWhen?: (state: ChildState) => boolean,
  env: NodeJS.ProcessEnv = {},
): Promise<ChildRun> {
  const started = Date.now();
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, PUENTE_VAULT_KEY: 'x', NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let killed = false;
  const check = () => {
    if (killed || !killWhen) return;
    if (killWhen({ output, elapsedMs: Date.now() - started, pid: child.pid ?? 0 })) {
      killed = true;
      child.kill('SIGKILL');
    }
  };
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    check();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    check();
  });
  const timer = setInterval(check, 3);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearInterval(timer);
      resolve({ code, signal, output, ms: Date.now() - started });
    });
  });
}
