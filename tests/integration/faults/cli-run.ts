import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CLI } from '../reliability/cli-child';

export { CLI };

/** Whether `npm run build` wrote the command line; the fault tests skip (saying why) when it did not. */
export const cliBuilt = existsSync(CLI);

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Longer than any run here; a child still running then is killed, so no test leaves one behind. */
const KILL_AFTER_MS = 90_000;

/**
 * Runs `node out/main/cli.js <args>` to its end with stdout and stderr kept apart, as a scheduler
 * sees them. The vault key is fixed so that secrets stored by the test are readable by the child.
 */
export function puente(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const started = Date.now();
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, PUENTE_VAULT_KEY: 'x', NO_COLOR: '1', AWS_EC2_METADATA_DISABLED: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const killer = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** The stderr lines that match `pattern` (a clear message is one line that says what and the fix). */
export function stderrLines(result: CliResult, pattern: RegExp): string[] {
  return result.stderr.split('\n').filter((line) => pattern.test(line));
}
