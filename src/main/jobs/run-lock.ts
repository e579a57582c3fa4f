import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';

interface LockOwner {
  pid: number;
  host: string;
  runId: string;
  since: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One sync at a time per data dir. The lock file names its owner; a lock whose process is gone
 * (killed, crashed, machine rebooted) is stale and taken over, with a warning from the caller.
 */
export class RunLock {
  constructor(private readonly file: string) {}

  /** Takes the lock or throws naming the run that holds it; returns the stale owner it replaced, if any. */
  acquire(runId: string): LockOwner | undefined {
    const owner: LockOwner = { pid: process.pid, host: hostname(), runId, since: new Date().toISOString() };
    try {
      writeFileSync(this.file, JSON.stringify(owner), { flag: 'wx' });
      return undefined;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const current = this.owner();
    if (current && current.host === hostname() && isAlive(current.pid)) {
      throw new Error(
        `Another sync is running (run ${current.runId}, process ${current.pid}, since ${current.since}). ` +
          'Wait for it to finish, or stop that process.',
      );
    }
    if (current && current.host !== hostname()) {
      throw new Error(
        `The data dir is locked by a sync on another machine (${current.host}, run ${current.runId}). ` +
          `If that machine is gone, delete ${this.file}.`,
      );
    }
    rmSync(this.file, { force: true });
    writeFileSync(this.file, JSON.stringify(owner), { flag: 'wx' });
    return current;
  }

  release(runId: string): void {
    if (this.owner()?.runId === runId) rmSync(this.file, { force: true });
  }

  private owner(): LockOwner | undefined {
    try {
      return JSON.parse(readFileSync(this.file, 'utf8')) as LockOwner;
    } catch {
      return undefined;
    }
  }
}
