import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunLock } from '../../../src/main/jobs/run-lock';

const lockFile = () => join(mkdtempSync(join(tmpdir(), 'puente-lock-')), 'sync.lock');

describe('run lock', () => {
  it('refuses a second sync while the first holds the lock, naming the holder', () => {
    const file = lockFile();
    new RunLock(file).acquire('RUN-A');
    expect(() => new RunLock(file).acquire('RUN-B')).toThrow(/Another sync is running \(run RUN-A/);
  });

  it('takes over a stale lock left by a killed process and reports it', () => {
    const file = lockFile();
    const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid as number;
    writeFileSync(file, JSON.stringify({ pid: dead, host: hostname(), runId: 'RUN-DEAD', since: 'x' }));
    const stale = new RunLock(file).acquire('RUN-NEW');
    expect(stale?.runId).toBe('RUN-DEAD');
    expect(() => new RunLock(file).acquire('RUN-OTHER')).toThrow(/RUN-NEW/);
  });

  it('never shows the lock file empty: another process reading it always finds the owner', async () => {
    const file = lockFile();
    const cycles = 3000;
    // A second process takes and frees the lock over and over while this one keeps reading it.
    const script = join(dirname(file), 'cycle.ts');
    writeFileSync(
      script,
      `import { RunLock } from ${JSON.stringify(join(process.cwd(), 'src/main/jobs/run-lock.ts'))};
       const lock = new RunLock(${JSON.stringify(file)});
       for (let i = 0; i < ${cycles}; i++) { lock.acquire('RUN-' + i); lock.release('RUN-' + i); }`,
    );
    const child = spawn(process.execPath, [join('node_modules', 'jiti', 'lib', 'jiti-cli.mjs'), script], {
      stdio: 'inherit',
    });
    const finished = new Promise<number | null>((resolve) => child.on('close', resolve));
    let done = false;
    void finished.then(() => {
      done = true;
    });
    let seen = 0;
    let torn = 0;
    while (!done) {
      for (let i = 0; i < 2000; i++) {
        let text: string;
        try {
          text = readFileSync(file, 'utf8');
        } catch {
          continue;
        }
        seen += 1;
        try {
          if (typeof JSON.parse(text).pid !== 'number') torn += 1;
        } catch {
          torn += 1;
        }
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await finished).toBe(0);
    expect(seen).toBeGreaterThan(50);
    expect(torn).toBe(0);
  });

  it('release frees the lock only for its owner', () => {
    const file = lockFile();
    const lock = new RunLock(file);
    lock.acquire('RUN-A');
    lock.release('RUN-B');
    expect(existsSync(file)).toBe(true);
    lock.release('RUN-A');
    expect(existsSync(file)).toBe(false);
  });
});
