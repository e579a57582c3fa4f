import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
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
