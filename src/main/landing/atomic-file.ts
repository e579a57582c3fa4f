import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { chmod, mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** A store write that failed; nothing partial is left at `path`. */
export class LandingWriteError extends Error {
  constructor(
    readonly path: string,
    readonly code: string,
    cause: unknown,
  ) {
    super(`Could not write ${path} (${code}); check free disk space and permissions on that folder`, {
      cause,
    });
    this.name = 'LandingWriteError';
  }
}

/** A file to land that cannot be read; nothing was written. */
export class LandingSourceError extends Error {
  constructor(
    readonly path: string,
    readonly code: string,
    cause: unknown,
  ) {
    super(`Could not read ${path} (${code}); check that the file exists and is readable`, { cause });
    this.name = 'LandingSourceError';
  }
}

export const errorCode = (error: unknown): string =>
  (error as NodeJS.ErrnoException)?.code ?? (error as Error)?.message ?? String(error);

/** A file being written under a temporary name in `tempDir` (same file system as its final place). */
export class TempFile {
  private constructor(readonly path: string) {}

  /** Writes `source` (bytes, or a file streamed in chunks) to a fresh temp file, calling `onChunk` on each chunk, then fsyncs it. */
  static async write(
    tempDir: string,
    source: Buffer | string,
    onChunk: (chunk: Buffer) => void,
  ): Promise<TempFile> {
    const temp = new TempFile(join(tempDir, `${randomBytes(8).toString('hex')}.part`));
    try {
      await mkdir(tempDir, { recursive: true });
      const handle = await open(temp.path, 'wx', 0o600);
      try {
        const chunks = typeof source === 'string' ? createReadStream(source) : [source];
        for await (const chunk of chunks) {
          const bytes = chunk as Buffer;
          onChunk(bytes);
          await handle.write(bytes);
        }
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch (error) {
      await temp.discard();
      throw new LandingWriteError(temp.path, errorCode(error), error);
    }
    return temp;
  }

  /** Makes the file read-only and moves it to `target` atomically, then fsyncs the folder. */
  async commit(target: string): Promise<void> {
    try {
      await chmod(this.path, 0o444);
      await mkdir(dirname(target), { recursive: true });
      await rename(this.path, target);
      await syncDir(dirname(target));
    } catch (error) {
      await this.discard();
      throw new LandingWriteError(target, errorCode(error), error);
    }
  }

  /** Best-effort cleanup: it runs on error paths, where its own failure must not hide the first error. */
  async discard(): Promise<void> {
    await rm(this.path, { force: true }).catch(() => undefined);
  }
}

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes a small text file atomically (temp + fsync + rename). */
export async function writeTextAtomic(target: string, content: string, mode = 0o644): Promise<void> {
  const temp = await TempFile.write(dirname(target), Buffer.from(content, 'utf8'), () => {});
  try {
    await chmod(temp.path, mode);
    await rename(temp.path, target);
  } catch (error) {
    await temp.discard();
    throw new LandingWriteError(target, errorCode(error), error);
  }
}
