import { link, mkdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { ParseFailure } from '../ingest/failure';
import { TempFile, writeTextAtomic } from './atomic-file';

export interface QuarantineRequest {
  /** The file to set aside (usually the landed raw file). */
  file: string;
  failure: ParseFailure;
  sha256: string;
  /** Name shown to people; defaults to the file's base name. */
  originalName?: string;
  runId?: string;
}

/** The JSON sidecar written next to a quarantined file. */
export interface QuarantineRecord extends ParseFailure {
  file: string;
  originalName: string;
  sha256: string;
  runId: string | null;
  quarantinedAt: string;
}

export interface QuarantineResult {
  /** The quarantined copy and its sidecar, absolute. */
  path: string;
  sidecar: string;
  record: QuarantineRecord;
}

const safeName = (name: string) => name.replace(/[^\w.-]+/g, '_').slice(0, 120) || 'file';

/**
 * Sets a file that could not be parsed aside in `quarantineDir` (a hard link when possible, else a
 * read-only copy) with a JSON sidecar giving the reason code and the message with its fix. The same
 * file quarantined again keeps one copy; its sidecar holds the latest reason.
 */
export async function quarantineFile(
  quarantineDir: string,
  request: QuarantineRequest,
): Promise<QuarantineResult> {
  const originalName = request.originalName ?? basename(request.file);
  const path = join(quarantineDir, `${request.sha256.slice(0, 12)}_${safeName(originalName)}`);
  const sidecar = `${path}.json`;
  await mkdir(quarantineDir, { recursive: true });
  if (!(await exists(path))) {
    try {
      await link(request.file, path);
    } catch {
      // Another file system: an atomic read-only copy instead.
      const temp = await TempFile.write(quarantineDir, request.file, () => {});
      await temp.commit(path);
    }
  }
  const record: QuarantineRecord = {
    ...request.failure,
    file: path,
    originalName,
    sha256: request.sha256,
    runId: request.runId ?? null,
    quarantinedAt: new Date().toISOString(),
  };
  await writeTextAtomic(sidecar, `${JSON.stringify(record, null, 2)}\n`);
  return { path, sidecar, record };
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
