import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type S3rver from 's3rver';
import type { S3EventRecord } from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3Stage } from '../../../src/main/stage/s3-stage';
import { stageKey } from '../../../src/main/stage/stage-key';
import { writeStagedFile } from '../../../src/main/stage/staged-file';
import { ingestFromStage } from '../../../src/main/warehouse/duckdb/ingest-from-stage';
import { ensureRawSchema, ledger } from '../../../src/main/warehouse/duckdb/loader';
import { DuckDbSession } from '../../../src/main/warehouse/duckdb/session';
import { altasBatch } from '../../unit/stage/fixtures';
import { startS3rver, TEST_BUCKET, TEST_CREDENTIALS } from './s3-server';

/**
 * Snowpipe's AUTO_INGEST, simulated: s3rver's object-created events drive loads into DuckDB. Events
 * are delivered at least once and in any order, so the loader's ledger must make the result exact.
 */
const dir = mkdtempSync(join(tmpdir(), 'puente-autoingest-'));
const events: S3EventRecord[] = [];
let server: S3rver;
let stage: S3Stage;
let db: DuckDbSession;
let queue: Promise<unknown> = Promise.resolve();

/** One event at a time, like a pipe's single loader. */
function deliver(record: S3EventRecord): Promise<unknown> {
  queue = queue.then(async () => {
    const key = stage.stageKeyOfEvent(record.s3.object.key);
    if (key) await ingestFromStage(db, stage, [key], join(dir, 'scratch'));
  });
  return queue;
}

beforeAll(async () => {
  const started = await startS3rver(join(dir, 'server'), 0, (record) => {
    events.push(record);
    void deliver(record);
  });
  server = started.server;
  stage = new S3Stage({
    bucket: TEST_BUCKET,
    prefix: 'team/a',
    region: 'us-east-1',
    endpoint: started.endpoint,
    credentials: TEST_CREDENTIALS,
  });
  db = await DuckDbSession.open(':memory:');
  await ensureRawSchema(db);
});
afterAll(async () => {
  await db.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function rawCount(): Promise<number> {
  const [row] = await db.all('SELECT count(*) AS n FROM raw.sai_altas');
  return Number(row?.n);
}

describe('simulated auto-ingest from S3 events', () => {
  it('loads each staged file exactly once when events repeat or arrive out of order', async () => {
    const sizes = [30, 40, 50];
    const keys: string[] = [];
    for (const [i, rows] of sizes.entries()) {
      const batch = altasBatch(rows, `event-${i}`);
      const staged = await writeStagedFile(batch, join(dir, 'work'));
      const key = stageKey({
        dataset: 'sai_altas',
        date: '2025-07-01',
        runId: 'R1',
        srcSha256: batch.srcSha256,
      });
      await stage.put(staged.path, key);
      await stage.put(staged.path, key); // an idempotent re-put writes nothing, so it raises no event
      keys.push(key);
    }
    await queue;
    expect(events).toHaveLength(3);
    expect(await rawCount()).toBe(120);

    // Redelivery, reversed: every event again, newest first, twice.
    for (const record of [...events].reverse()) void deliver(record);
    for (const record of [...events].reverse()) void deliver(record);
    await queue;
    expect(await rawCount()).toBe(120);

    const loaded = await ledger(db);
    expect(loaded.map((e) => e.stageKey).sort()).toEqual([...keys].sort());
    expect(loaded.map((e) => e.rows).sort()).toEqual([30, 40, 50]);
    const perKey = await db.all(
      'SELECT _stage_key, count(*) AS n, count(DISTINCT _src_row) AS distinct_rows FROM raw.sai_altas GROUP BY _stage_key ORDER BY n',
    );
    expect(perKey.map((r) => [r.n, r.distinct_rows])).toEqual([
      ['30', '30'],
      ['40', '40'],
      ['50', '50'],
    ]);
  });
});
