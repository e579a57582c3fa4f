import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { z } from 'zod';
import type { s3StageSchema } from '../settings/schema';
import { type RetryPolicy, withRetry } from '../util/retry';
import { DEFAULT_RETRY, isRetryable } from './retry';
import {
  assertStageKey,
  type PutOptions,
  type PutResult,
  type Stage,
  StageConflictError,
  type StagedObject,
} from './stage';
import { sha256OfFile } from './staged-file';

export type S3StageSettings = z.infer<typeof s3StageSchema>;

export interface S3StageOptions extends Omit<S3StageSettings, 'kind'> {
  /**
   * Static keys, for S3-compatible test servers only. Without them the client uses the named profile
   * or the standard AWS credential chain (env, SSO, shared files, instance/container roles).
   */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Multipart part size in bytes (S3's minimum, 5 MiB, is the floor); files up to one part go in one PUT. */
  partSize?: number;
  retry?: RetryPolicy;
}

/** The object at a key is not what was sent (size or checksum): the upload is removed and retried. */
export class StageVerificationError extends Error {
  override name = 'StageVerificationError';
}

const MIN_PART = 5 * 1024 * 1024;
const SHA_METADATA = 'sha256';

interface S3LikeError {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

/** Staged files in S3 (or an S3-compatible server), under `s3://<bucket>/<prefix><key>`. */
export class S3Stage implements Stage {
  private readonly client: S3Client;
  private readonly prefix: string;
  private readonly partSize: number;
  private readonly retry: RetryPolicy;

  constructor(private readonly options: S3StageOptions) {
    this.prefix = normalizePrefix(options.prefix);
    this.partSize = Math.max(MIN_PART, options.partSize ?? 8 * 1024 * 1024);
    this.retry = options.retry ?? DEFAULT_RETRY;
    const config: S3ClientConfig = {
      region: options.region,
      // Streamed bodies would otherwise be stored with aws-chunked framing by S3-compatible servers.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      // Without these a server that accepts the connection but never answers hangs a sync forever;
      // a timeout is retried like any dropped connection.
      requestHandler: { connectionTimeout: 10_000, requestTimeout: 120_000 },
    };
    if (options.profile) config.profile = options.profile;
    if (options.endpoint) Object.assign(config, { endpoint: options.endpoint, forcePathStyle: true });
    if (options.credentials) config.credentials = options.credentials;
    // The SDK prints its Node >= 22 notice on stderr in every process, noise in every scheduled run's
    // log; docs/operations.md carries the notice once. An operator's own setting wins.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    this.client = new S3Client(config);
  }

  static fromSettings(settings: S3StageSettings): S3Stage {
    const { kind: _kind, ...options } = settings;
    return new S3Stage(options);
  }

  describe(): string {
    const where = `s3://${this.options.bucket}/${this.prefix}`;
    return this.options.endpoint ? `${where} at ${this.options.endpoint}` : where;
  }

  /** The S3 object key of a stage key. */
  objectKey(key: string): string {
    assertStageKey(key);
    return `${this.prefix}${key}`;
  }

  /** The stage key of an S3 object key as an event notification gives it (URL-encoded), if it is one. */
  stageKeyOfEvent(eventObjectKey: string): string | undefined {
    const decoded = decodeURIComponent(eventObjectKey.replaceAll('+', ' '));
    return decoded.startsWith(this.prefix) ? decoded.slice(this.prefix.length) : undefined;
  }

  async put(localPath: string, key: string, options: PutOptions = {}): Promise<PutResult> {
    const objectKey = this.objectKey(key);
    const sha256 = await sha256OfFile(localPath);
    const { size } = await stat(localPath);
    return this.call(`upload ${key}`, () =>
      withRetry(
        async () => {
          const existing = await this.head(objectKey);
          if (existing) {
            if (existing.sha256 === sha256 && existing.size === size)
              return { key, size, sha256, alreadyPresent: true };
            throw new StageConflictError(key, this.describe());
          }
          await this.upload(localPath, objectKey, sha256, options);
          const stored = await this.head(objectKey);
          if (stored?.size !== size || stored.sha256 !== sha256) {
            await this.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: objectKey }));
            throw new StageVerificationError(
              `s3://${this.options.bucket}/${objectKey} holds ${stored?.size ?? 'no'} bytes, sent ${size}: removed, retrying`,
            );
          }
          return { key, size, sha256, alreadyPresent: false };
        },
        { ...this.retry, retryable: isRetryable },
      ),
    );
  }

  private async upload(
    localPath: string,
    objectKey: string,
    sha256: string,
    options: PutOptions,
  ): Promise<void> {
    const sse = this.options.kmsKeyId
      ? { ServerSideEncryption: 'aws:kms' as const, SSEKMSKeyId: this.options.kmsKeyId }
      : {};
    const upload = new Upload({
      client: this.client,
      partSize: this.partSize,
      queueSize: 2,
      leavePartsOnError: false,
      params: {
        Bucket: this.options.bucket,
        Key: objectKey,
        Body: createReadStream(localPath),
        ContentType: 'application/vnd.apache.parquet',
        Metadata: { [SHA_METADATA]: sha256 },
        ...sse,
      },
    });
    if (options.onProgress) {
      const report = options.onProgress;
      upload.on('httpUploadProgress', (progress) => report(progress.loaded ?? 0));
    }
    const abort = () => void upload.abort();
    options.signal?.addEventListener('abort', abort, { once: true });
    try {
      if (options.signal?.aborted) throw Object.assign(new Error('upload cancelled'), { name: 'AbortError' });
      await upload.done();
    } finally {
      options.signal?.removeEventListener('abort', abort);
    }
  }

  private async head(objectKey: string): Promise<{ size: number; sha256: string | undefined } | undefined> {
    try {
      const head = await this.client.send(
        new HeadObjectCommand({ Bucket: this.options.bucket, Key: objectKey }),
      );
      return { size: head.ContentLength ?? -1, sha256: head.Metadata?.[SHA_METADATA] };
    } catch (error) {
      const e = error as S3LikeError;
      if (e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404)
        return undefined;
      throw error;
    }
  }

  async list(prefix: string): Promise<StagedObject[]> {
    return this.call(`list ${prefix}`, async () => {
      const found: StagedObject[] = [];
      let token: string | undefined;
      do {
        const page = await withRetry(
          () =>
            this.client.send(
              new ListObjectsV2Command({
                Bucket: this.options.bucket,
                Prefix: `${this.prefix}${prefix}`,
                ContinuationToken: token,
              }),
            ),
          { ...this.retry, retryable: isRetryable },
        );
        for (const object of page.Contents ?? [])
          if (object.Key)
            found.push({
              key: object.Key.slice(this.prefix.length),
              size: object.Size ?? 0,
              lastModified: (object.LastModified ?? new Date(0)).toISOString(),
            });
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    });
  }

  async get(key: string, destPath: string): Promise<{ size: number; sha256: string }> {
    const objectKey = this.objectKey(key);
    return this.call(`download ${key}`, () =>
      withRetry(
        async () => {
          const object = await this.client.send(
            new GetObjectCommand({ Bucket: this.options.bucket, Key: objectKey }),
          );
          await mkdir(dirname(destPath), { recursive: true });
          await pipeline(object.Body as Readable, createWriteStream(destPath));
          const sha256 = await sha256OfFile(destPath);
          const expected = object.Metadata?.[SHA_METADATA];
          if (expected && expected !== sha256) {
            await rm(destPath, { force: true });
            throw new StageVerificationError(
              `s3://${this.options.bucket}/${objectKey} downloaded with sha256 ${sha256}, expected ${expected}`,
            );
          }
          return { size: (await stat(destPath)).size, sha256 };
        },
        { ...this.retry, retryable: isRetryable },
      ),
    );
  }

  /** Runs an S3 operation, turning credential, permission and bucket errors into sentences with the fix. */
  private async call<T>(what: string, operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      if (error instanceof StageConflictError) throw error;
      throw new Error(`Cannot ${what} in ${this.describe()}: ${explainS3Error(error, this.options)}`, {
        cause: error,
      });
    }
  }
}

function normalizePrefix(prefix: string | undefined): string {
  const trimmed = (prefix ?? '').replace(/^\/+|\/+$/g, '');
  return trimmed ? `${trimmed}/` : '';
}

export function explainS3Error(
  error: unknown,
  options: Pick<S3StageOptions, 'bucket' | 'region' | 'profile'>,
): string {
  const e = (error ?? {}) as S3LikeError & { code?: string };
  const message = e.message ?? String(error);
  const profile = options.profile ? `profile "${options.profile}"` : 'the default credential chain';
  switch (e.name) {
    case 'CredentialsProviderError':
      return `no AWS credentials found through ${profile}; set stage.profile (or AWS_PROFILE) to a configured profile, or run "aws sso login"`;
    case 'InvalidAccessKeyId':
    case 'SignatureDoesNotMatch':
    case 'ExpiredToken':
    case 'TokenRefreshRequired':
      return `the credentials from ${profile} were rejected (${e.name}); refresh them ("aws sso login" or new keys)`;
    case 'AccessDenied':
    case 'Forbidden':
      return `access denied to bucket ${options.bucket}; the IAM identity needs s3:PutObject, s3:GetObject and s3:ListBucket on it (and kms:GenerateDataKey for an SSE-KMS key)`;
    case 'NoSuchBucket':
      return `bucket ${options.bucket} does not exist; check stage.bucket and stage.region (${options.region})`;
    case 'PermanentRedirect':
    case 'AuthorizationHeaderMalformed':
      return `bucket ${options.bucket} is not in region ${options.region}; set stage.region to the bucket's region`;
    case 'StageVerificationError':
      return `${message}; the upload did not verify after every retry`;
  }
  if (e.code === 'ECONNREFUSED' || e.code === 'ENOTFOUND' || e.name === 'TimeoutError')
    return `the S3 endpoint cannot be reached (${e.code ?? e.name}); check the network or stage.endpoint`;
  // HEAD answers carry no body, so the SDK cannot name the error: the status still tells what happened.
  const status = e.$metadata?.httpStatusCode;
  if (status === 403)
    return `S3 refused the request to bucket ${options.bucket} (HTTP 403): the credentials from ${profile} were rejected or lack access; refresh them or check the bucket policy`;
  if (status === 401)
    return `S3 rejected the credentials from ${profile} (HTTP 401); refresh them ("aws sso login" or new keys)`;
  if (status !== undefined && status >= 500)
    return `S3 is unavailable (HTTP ${status}) after every retry; nothing was lost: run the sync again later`;
  return message;
}
