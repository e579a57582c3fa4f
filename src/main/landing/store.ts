import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { ReportKind, SourceName } from '../ingest/reports';
import { errorCode, LandingSourceError, TempFile } from './atomic-file';
import { appendManifest, type ManifestEntry, type ParseStatus, readManifest } from './manifest';

/** What the caller knows about a raw file when it lands it. */
export interface LandingMeta {
  portal: SourceName;
  report: ReportKind;
  parameters: Record<string, string>;
  /** ISO timestamp of the download (or of the copy, for local files). */
  downloadedAt: string;
  originalName: string;
  runId: string;
}

export interface PutResult {
  sha256: string;
  /** Relative to the data dir, e.g. landing/ab/<sha256>.xlsx. */
  path: string;
  size: number;
  /** False when the same bytes were landed before: nothing was written. */
  isNew: boolean;
  entry: ManifestEntry;
}

/** The extension a landed file keeps: lower-case, short and safe, "bin" when there is none. */
function safeExtension(originalName: string): string {
  const ext = extname(originalName).slice(1).toLowerCase();
  return /^[a-z0-9]{1,8}$/.test(ext) ? ext : 'bin';
}

/**
 * The landing store: each raw file is kept once, named by its SHA-256, read-only, never deleted.
 * landing/manifest.jsonl is append-only, one record per landing or outcome change; the last record
 * for a sha256 wins.
 */
export class LandingStore {
  readonly landingDir: string;
  readonly manifestFile: string;
  private readonly entries: Map<string, ManifestEntry>;
  private closeTornLine: boolean;
  /** Puts and outcome updates run one at a time so that the manifest never races. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly dataDir: string,
    contents: ReturnType<typeof readManifest>,
  ) {
    this.landingDir = join(dataDir, 'landing');
    this.manifestFile = join(this.landingDir, 'manifest.jsonl');
    this.entries = contents.entries;
    this.closeTornLine = !contents.endsWithNewline;
  }

  /** Opens (creating if needed) the store in `dataDir`/landing and reads its manifest. */
  static async open(dataDir: string): Promise<LandingStore> {
    await mkdir(join(dataDir, 'landing'), { recursive: true });
    return new LandingStore(dataDir, readManifest(join(dataDir, 'landing', 'manifest.jsonl')));
  }

  has(sha256: string): boolean {
    return this.entries.has(sha256);
  }

  get(sha256: string): ManifestEntry | undefined {
    return this.entries.get(sha256);
  }

  /** The latest record of every landed file, in landing order. */
  list(): ManifestEntry[] {
    return [...this.entries.values()];
  }

  /** Absolute path of a landed file. */
  absolutePath(entry: Pick<ManifestEntry, 'path'>): string {
    return join(this.dataDir, entry.path);
  }

  /** Stores a file (a path, streamed) or bytes once by content; see PutResult. */
  put(source: string | Buffer, meta: LandingMeta): Promise<PutResult> {
    return this.serially(() => this.putNow(source, meta));
  }

  /** Appends a new record with the parse outcome (and nothing else changed). */
  recordOutcome(sha256: string, outcome: ParseStatus): Promise<ManifestEntry> {
    return this.serially(async () => {
      const current = this.entries.get(sha256);
      if (!current) throw new Error(`No landed file has sha256 ${sha256}`);
      const entry = { ...current, outcome, recordedAt: new Date().toISOString() };
      await this.append(entry);
      return entry;
    });
  }

  private async putNow(source: string | Buffer, meta: LandingMeta): Promise<PutResult> {
    // Bytes seen before (a window downloaded again, a folder scanned again) are only read, never copied.
    const digest =
      typeof source === 'string' ? await hashFile(source) : createHash('sha256').update(source).digest('hex');
    const known = this.entries.get(digest);
    if (known)
      return { sha256: known.sha256, path: known.path, size: known.size, isNew: false, entry: known };
    return this.land(source, meta);
  }

  private async land(source: string | Buffer, meta: LandingMeta): Promise<PutResult> {
    const hash = createHash('sha256');
    let size = 0;
    const temp = await TempFile.write(join(this.landingDir, '.tmp'), source, (chunk) => {
      hash.update(chunk);
      size += chunk.length;
    });
    // The bytes actually copied decide (a source file may have changed since it was hashed).
    const sha256 = hash.digest('hex');
    const known = this.entries.get(sha256);
    if (known) {
      await temp.discard();
      return { sha256, path: known.path, size: known.size, isNew: false, entry: known };
    }
    const path = `landing/${sha256.slice(0, 2)}/${sha256}.${safeExtension(meta.originalName)}`;
    const target = join(this.dataDir, path);
    // A file already there without a record is a landing interrupted before its record: keep the file.
    if (existsSync(target)) await temp.discard();
    else await temp.commit(target);
    const entry: ManifestEntry = {
      sha256,
      path,
      size,
      ...meta,
      outcome: { status: 'pending' },
      recordedAt: new Date().toISOString(),
    };
    await this.append(entry);
    return { sha256, path, size, isNew: true, entry };
  }

  private async append(entry: ManifestEntry): Promise<void> {
    try {
      await appendManifest(this.manifestFile, entry, this.closeTornLine);
      this.closeTornLine = false;
    } catch (error) {
      this.closeTornLine = true;
      throw error;
    }
    this.entries.set(entry.sha256, entry);
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  } catch (error) {
    throw new LandingSourceError(path, errorCode(error), error);
  }
  return hash.digest('hex');
}
