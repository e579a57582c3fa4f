import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3Stage } from '../../../src/main/stage/s3-stage';
import { StageConflictError } from '../../../src/main/stage/stage';
import { startS3rver, TEST_BUCKET, TEST_CREDENTIALS } from './s3-server';

const dir = mkdtempSync(join(tmpdir(), 'puente-s3-'));
const MiB = 1024 * 1024;
let server: S3rver;
let endpoint: string;
let port: number;

function stageAt(url: string, prefix = 'puente/'): S3Stage {
  return new S3Stage({
    bucket: TEST_BUCKET,
    prefix,
    region: 'us-east-1',
    endpoint: url,
    credentials: TEST_CREDENTIALS,
    partSize: 5 * MiB,
    retry: { attempts: 8, baseMs: 100, maxMs: 400 },
  });
}

function file(name: string, content: Buffer | string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

beforeAll(async () => {
  ({ server, endpoint, port } = await startS3rver(join(dir, 'server')));
});
afterAll(async () => {
  await server.close().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

describe('S3Stage against s3rver', () => {
  it('uploads under <prefix><key>, reads the same bytes back, and re-uploads idempotently', async () => {
    const stage = stageAt(endpoint);
    const key = 'raw/sai_altas/dt=2025-07-01/R1_abababab.parquet';
    const path = file('small.parquet', 'PAR1 small content PAR1');
    const put = await stage.put(path, key);
    expect(put).toMatchObject({ key, size: 23, alreadyPresent: false });
    expect(stage.objectKey(key)).toBe(`puente/${key}`);

    const back = await stage.get(key, join(dir, 'back', 'small.parquet'));
    expect(back).toEqual({ size: 23, sha256: put.sha256 });
    expect(readFileSync(join(dir, 'back', 'small.parquet'), 'utf8')).toBe('PAR1 small content PAR1');

    expect(await stage.put(path, key)).toMatchObject({ alreadyPresent: true, sha256: put.sha256 });
    await expect(stage.put(file('other.parquet', 'different'), key)).rejects.toBeInstanceOf(
      StageConflictError,
    );
    expect(await stage.list('raw/sai_altas/')).toEqual([expect.objectContaining({ key, size: 23 })]);
  });

  it('uploads a file larger than one part as a multipart upload, verified by reading back', async () => {
    const stage = stageAt(endpoint);
    const content = randomBytes(12 * MiB);
    const key = 'raw/sai_orders/dt=2025-07-01/R1_cdcdcdcd.parquet';
    const parts: number[] = [];
    const put = await stage.put(file('big.parquet', content), key, {
      onProgress: (sent) => parts.push(sent),
    });
    expect(put).toMatchObject({ size: 12 * MiB, alreadyPresent: false });
    expect(parts.length).toBeGreaterThanOrEqual(3); // one progress report per 5 MiB part
    await stage.get(key, join(dir, 'back', 'big.parquet'));
    expect(readFileSync(join(dir, 'back', 'big.parquet')).equals(content)).toBe(true);
  });

  it('an upload cancelled mid-way leaves no object, and the retried upload stores the whole file', async () => {
    const stage = stageAt(endpoint);
    const content = randomBytes(11 * MiB);
    const path = file('interrupted.parquet', content);
    const key = 'raw/prei_invoices/dt=2025-07-01/R2_efefefef.parquet';
    const controller = new AbortController();
    await expect(
      stage.put(path, key, { signal: controller.signal, onProgress: () => controller.abort() }),
    ).rejects.toThrow();
    expect(await stage.list('raw/prei_invoices/')).toEqual([]);

    expect(await stage.put(path, key)).toMatchObject({ alreadyPresent: false, size: 11 * MiB });
    await stage.get(key, join(dir, 'back', 'interrupted.parquet'));
    expect(readFileSync(join(dir, 'back', 'interrupted.parquet')).equals(content)).toBe(true);
  });

  it('retries with backoff while the server is down and succeeds once it is back', async () => {
    await server.close();
    const stage = stageAt(endpoint);
    const key = 'raw/paq_links/dt=2025-07-01/R3_01010101.parquet';
    const pending = stage.put(file('later.parquet', 'arrives later'), key);
    await new Promise((resolve) => setTimeout(resolve, 600));
    ({ server } = await startS3rver(join(dir, 'server'), port));
    expect(await pending).toMatchObject({ alreadyPresent: false, size: 13 });
    expect((await stage.list('raw/paq_links/')).map((o) => o.key)).toEqual([key]);
  });

  it('names the bucket and the fix when the bucket does not exist, without retrying for long', async () => {
    const stage = new S3Stage({
      bucket: 'no-such-bucket',
      prefix: '',
      region: 'us-east-1',
      endpoint,
      credentials: TEST_CREDENTIALS,
    });
    const started = Date.now();
    await expect(
      stage.put(file('x.parquet', 'x'), 'raw/paq_links/dt=2025-07-01/R4_02020202.parquet'),
    ).rejects.toThrow(/bucket no-such-bucket does not exist; check stage.bucket/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('fails quickly and clearly when the endpoint cannot be reached', async () => {
    const stage = new S3Stage({
      bucket: TEST_BUCKET,
      prefix: '',
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:9',
      credentials: TEST_CREDENTIALS,
      retry: { attempts: 2, baseMs: 50, maxMs: 100 },
    });
    await expect(stage.list('raw/')).rejects.toThrow(/cannot be reached.*stage.endpoint/);
  });
});
