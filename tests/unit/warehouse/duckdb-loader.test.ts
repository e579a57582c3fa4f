import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { CanonicalBatch } from '../../../src/main/ingest/datasets';
import { LocalFolderStage } from '../../../src/main/stage/local-folder-stage';
import { stageKey } from '../../../src/main/stage/stage-key';
import { sha256OfFile, writeStagedFile } from '../../../src/main/stage/staged-file';
import {
  ensureRawSchema,
  LEDGER_TABLE,
  ledger,
  loadStagedFile,
  loadStagedFiles,
  type StagedFileRef,
} from '../../../src/main/warehouse/duckdb/loader';
import { DuckDbSession } from '../../../src/main/warehouse/duckdb/session';
import { altasBatch } from '../stage/fixtures';

const dir = mkdtempSync(join(tmpdir(), 'puente-loader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const stage = new LocalFolderStage(join(dir, 'stage'));

/** A small paq_links batch, so a load can span two datasets. */
function paqBatch(rows: number, seed: string): CanonicalBatch {
  const srcSha256 = createHash('sha256').update(`paq-${seed}-${rows}`).digest('hex');
  return {
    dataset: 'paq_links',
    srcFile: `landing/${srcSha256.slice(0, 2)}/${srcSha256}.xlsx`,
    srcSha256,
    extraColumns: [],
    rows: Array.from({ length: rows }, (_, i) => ({
      srcRow: i + 2,
      values: { folio: `P-${6537 + i}`, referencia: String(40126288 + i), alta: `058001-${107046 + i}` },
    })),
  };
}

async function stageCanonical(batch: CanonicalBatch, runId: string): Promise<StagedFileRef> {
  const staged = await writeStagedFile(batch, join(dir, 'work'));
  const key = stageKey({ dataset: batch.dataset, date: '2025-07-01', runId, srcSha256: batch.srcSha256 });
  const put = await stage.put(staged.path, key);
  return { key, localPath: stage.localPath(key), dataset: batch.dataset, sha256: put.sha256 };
}

const stageBatch = (rows: number, seed: string, runId: string) =>
  stageCanonical(altasBatch(rows, seed), runId);

async function count(db: DuckDbSession, sql: string): Promise<number> {
  const [row] = await db.all(sql);
  return Number(row?.n);
}

let db: DuckDbSession;
let file = 0;
beforeEach(async () => {
  db = await DuckDbSession.open(join(dir, `warehouse-${file++}.duckdb`));
  await ensureRawSchema(db);
  return () => db.close();
});

describe('DuckDB loader', () => {
  it('creates every raw table with lineage columns, idempotently', async () => {
    await ensureRawSchema(db);
    const columns = await db.all(
      "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'raw' AND table_name = 'prei_invoices' ORDER BY ordinal_position",
    );
    expect(columns.slice(-4)).toEqual([
      { column_name: '_src_file', data_type: 'VARCHAR' },
      { column_name: '_src_row', data_type: 'BIGINT' },
      { column_name: '_stage_key', data_type: 'VARCHAR' },
      { column_name: '_loaded_at', data_type: 'TIMESTAMP' },
    ]);
    expect(columns.find((c) => c.column_name === 'importe')?.data_type).toBe('DECIMAL(18,2)');
  });

  it('adds what a newer dataset contract has: a missing column, a missing table', async () => {
    await db.run('ALTER TABLE raw.sai_altas DROP COLUMN resguardo');
    await db.run('DROP TABLE raw.paq_links');
    await ensureRawSchema(db);
    const [altas] = await db.all(
      "SELECT count(*) AS n FROM information_schema.columns WHERE table_schema = 'raw' AND table_name = 'sai_altas' AND column_name = 'resguardo'",
    );
    expect(altas?.n).toBe('1');
    expect(await count(db, 'SELECT count(*) AS n FROM raw.paq_links')).toBe(0);
  });

  it('loads a file once with its lineage; the same file staged twice loads once', async () => {
    const file = await stageBatch(120, 'a', 'R1');
    const first = await loadStagedFile(db, file);
    expect(first).toMatchObject({ status: 'loaded', rows: 120 });
    expect(await loadStagedFile(db, file)).toMatchObject({ status: 'skipped', loadedAs: file.key });

    // The same content under another run's key: the ledger knows the content, so it is skipped too.
    const restaged = await stageBatch(120, 'a', 'R2');
    expect(restaged.sha256).toBe(file.sha256);
    expect(await loadStagedFile(db, restaged)).toMatchObject({
      status: 'skipped',
      loadedAs: file.key,
      rows: 120,
    });

    expect(await count(db, 'SELECT count(*) AS n FROM raw.sai_altas')).toBe(120);
    const [row] = await db.all(
      'SELECT _src_file, _src_row, _stage_key, _loaded_at, importe FROM raw.sai_altas ORDER BY _src_row LIMIT 1',
    );
    expect(row).toMatchObject({ _src_row: '2', _stage_key: file.key, importe: '1000.00' });
    expect(String(row?._src_file)).toMatch(/^landing\//);
    expect(Date.parse(`${String(row?._loaded_at).replace(' ', 'T')}Z`)).toBe(Date.parse(first.loadedAt));

    const entries = await ledger(db);
    expect(entries).toEqual([
      { stageKey: file.key, sha256: file.sha256, dataset: 'sai_altas', rows: 120, loadedAt: first.loadedAt },
    ]);
  });

  it('a crash between the insert and the ledger write leaves no partial load, and the retry loads it', async () => {
    const file = await stageBatch(75, 'crash', 'R3');
    await expect(
      loadStagedFile(db, file, {
        afterInsert: async () => {
          // The rows are in, inside the transaction, when the crash hits.
          expect(await count(db, 'SELECT count(*) AS n FROM raw.sai_altas')).toBe(75);
          throw new Error('injected crash');
        },
      }),
    ).rejects.toThrow('injected crash');
    expect(await count(db, 'SELECT count(*) AS n FROM raw.sai_altas')).toBe(0);
    expect(await count(db, `SELECT count(*) AS n FROM ${LEDGER_TABLE}`)).toBe(0);

    expect(await loadStagedFile(db, file)).toMatchObject({ status: 'loaded', rows: 75 });
    expect(await count(db, 'SELECT count(*) AS n FROM raw.sai_altas')).toBe(75);
  });

  it('loads a batch of files all or nothing: a crash on the second file rolls back the first', async () => {
    const files = [await stageBatch(10, 'b1', 'R5'), await stageBatch(20, 'b2', 'R5')];
    let inserted = 0;
    const crashOnSecond = {
      afterInsert: () => {
        if (++inserted === 2) throw new Error('injected crash');
      },
    };
    await expect(loadStagedFiles(db, files, crashOnSecond)).rejects.toThrow('injected crash');
    expect(await count(db, 'SELECT count(*) AS n FROM raw.sai_altas')).toBe(0);
    expect(await count(db, `SELECT count(*) AS n FROM ${LEDGER_TABLE}`)).toBe(0);
    const outcomes = await loadStagedFiles(db, [...files, files[0] as StagedFileRef]);
    expect(outcomes.map((o) => o.status)).toEqual(['loaded', 'loaded', 'skipped']);
    expect(await count(db, 'SELECT count(*) AS n FROM raw.sai_altas')).toBe(30);
  });

  it("loads a batch spanning datasets: every row keeps its own file's key, the ledger counts each file", async () => {
    const files = [
      await stageBatch(10, 'm1', 'R6'),
      await stageCanonical(paqBatch(3, 'm'), 'R6'),
      await stageBatch(20, 'm2', 'R6'),
      await stageBatch(0, 'm3', 'R6'),
    ];
    const outcomes = await loadStagedFiles(db, files);
    expect(outcomes.map((o) => [o.key, o.status, o.rows])).toEqual([
      [files[0]?.key, 'loaded', 10],
      [files[1]?.key, 'loaded', 3],
      [files[2]?.key, 'loaded', 20],
      [files[3]?.key, 'loaded', 0],
    ]);
    expect(new Set(outcomes.map((o) => o.loadedAt)).size).toBe(1);
    const perKey = await db.all(
      `SELECT _stage_key, count(*) AS n FROM (SELECT _stage_key FROM raw.sai_altas UNION ALL SELECT _stage_key FROM raw.paq_links)
        GROUP BY _stage_key ORDER BY n`,
    );
    expect(perKey).toEqual([
      { _stage_key: files[1]?.key, n: '3' },
      { _stage_key: files[0]?.key, n: '10' },
      { _stage_key: files[2]?.key, n: '20' },
    ]);
    const entries = await ledger(db);
    expect(Object.fromEntries(entries.map((e) => [e.stageKey, [e.dataset, e.rows]]))).toEqual({
      [files[0]?.key as string]: ['sai_altas', 10],
      [files[1]?.key as string]: ['paq_links', 3],
      [files[2]?.key as string]: ['sai_altas', 20],
      [files[3]?.key as string]: ['sai_altas', 0],
    });
  });

  it('within one batch, a key or a content seen earlier in the batch is skipped', async () => {
    const file = await stageBatch(40, 'd', 'R7');
    const restaged = await stageBatch(40, 'd', 'R8');
    const outcomes = await loadStagedFiles(db, [file, restaged, file]);
    const [loaded] = outcomes;
    expect(outcomes).toEqual([
      { key: file.key, status: 'loaded', rows: 40, loadedAt: loaded?.loadedAt },
      { key: restaged.key, status: 'skipped', rows: 40, loadedAt: loaded?.loadedAt, loadedAs: file.key },
      { key: file.key, status: 'skipped', rows: 40, loadedAt: loaded?.loadedAt, loadedAs: file.key },
    ]);
    expect(await count(db, 'SELECT count(*) AS n FROM raw.sai_altas')).toBe(40);
    expect((await ledger(db)).map((e) => e.stageKey)).toEqual([file.key]);
  });

  it('hashes a file read in place (the stage reported no sha256) and records that hash', async () => {
    const { sha256: _reported, ...inPlace } = await stageBatch(7, 'p', 'R9');
    expect(await loadStagedFile(db, inPlace)).toMatchObject({ status: 'loaded', rows: 7 });
    const [entry] = await ledger(db);
    expect(entry?.sha256).toBe(await sha256OfFile(inPlace.localPath));
    expect(await loadStagedFile(db, inPlace)).toMatchObject({ status: 'skipped', loadedAs: inPlace.key });
  });

  it('refuses a local copy whose content is not what the stage reported', async () => {
    const file = await stageBatch(5, 'x', 'R4');
    await expect(loadStagedFile(db, { ...file, sha256: '0'.repeat(64) })).rejects.toThrow(/fetch it again/);
    expect(await count(db, 'SELECT count(*) AS n FROM raw.sai_altas')).toBe(0);
  });
});
