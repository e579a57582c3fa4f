import { randomUUID } from 'node:crypto';
import { linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
    if (this.create(owner)) return undefined;
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
    if (!this.create(owner)) {
      throw new Error('Another sync took over the same stale lock at this moment. Wait for it to finish.');
    }
    return current;
  }

  /**
   * Creates the lock file with its content already in it, or returns false if it exists. The owner is
   * written to a file of this process's own and hard-linked into place: the lock never exists empty,
   * which a second sync would take for a stale lock (a process paused or killed between creating the
   * file and writing it left exactly that). Where hard links are not supported, an exclusive create.
   */
  private create(owner: LockOwner): boolean {
    const content = JSON.stringify(owner);
    const draft = `${this.file}.${process.pid}.${randomUUID()}`;
    writeFileSync(draft, content);
    try {
      linkSync(draft, this.file);
      return true;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return false;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error;
      return this.createExclusive(content);
    } finally {
      rmSync(draft, { force: true });
    }
  }

  private createExclusive(content: string): boolean {
    try {
      writeFileSync(this.file, content, { flag: 'wx' });
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
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
