/**
 * Where staged files wait for a warehouse: a local folder (the embedded default) or S3 (for Snowpipe).
 * Keys are stage-relative (`raw/<dataset>/dt=.../<file>`); a key is written once and never overwritten.
 */

export interface PutResult {
  key: string;
  size: number;
  /** sha256 (hex) of the stored content. */
  sha256: string;
  /** True when the key already held exactly this content: nothing was written. */
  alreadyPresent: boolean;
}

export interface StagedObject {
  key: string;
  size: number;
  lastModified: string;
}

export interface PutOptions {
  /** Cancels the upload (a cancelled put leaves no object under the key). */
  signal?: AbortSignal;
  /** Bytes sent so far, for progress display. */
  onProgress?: (bytesSent: number) => void;
}

export interface Stage {
  /** Where the stage is, for status lines and logs (never holds a secret). */
  describe(): string;
  /** Stores `localPath` under `key`; same content there already -> alreadyPresent; other content -> StageConflictError. */
  put(localPath: string, key: string, options?: PutOptions): Promise<PutResult>;
  /** Objects whose key starts with `prefix`, sorted by key. */
  list(prefix: string): Promise<StagedObject[]>;
  /** Copies the object at `key` to `destPath`, checking it against the sha256 recorded at put time. */
  get(key: string, destPath: string): Promise<{ size: number; sha256: string }>;
  /** The file holding `key` when the stage is a folder on this machine, so loaders read it in place. */
  localPath?(key: string): string;
}

/** A key already holds different content: staged keys are immutable (Snowpipe would never reload them). */
export class StageConflictError extends Error {
  constructor(
    readonly key: string,
    readonly where: string,
  ) {
    super(
      `Stage key ${key} in ${where} already holds different content; staged files are never overwritten: stage under a new run id`,
    );
    this.name = 'StageConflictError';
  }
}

export function assertStageKey(key: string): void {
  if (
    !key ||
    key.startsWith('/') ||
    key.split('/').some((part) => part === '..' || part === '.' || part === '')
  )
    throw new Error(`Not a valid stage key: "${key}"`);
}
