import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { LocalFolderStage } from '../../../src/main/stage/local-folder-stage';
import { stageKey } from '../../../src/main/stage/stage-key';
import { writeStagedFile } from '../../../src/main/stage/staged-file';
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

async function stageBatch(rows: number, seed: string, runId: string): Promise<StagedFileRef> {
  const batch = altasBatch(rows, seed);
  const staged = await writeStagedFile(batch, join(dir, 'work'));
  const key = stageKey({ dataset: 'sai_altas', date: '2025-07-01', runId, srcSha256: batch.srcSha256 });
  const put = await stage.put(staged.path, key);
  return { key, localPath: stage.localPath(key), dataset: 'sai_altas', sha256: put.sha256 };
}

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

  it('refuses a local copy whose content is not what the stage reported', async () => {
    const file = await stageBatch(5, 'x', 'R4');
    await expect(loadStagedFile(db, { ...file, sha256: '0'.repeat(64) })).rejects.toThrow(/fetch it again/);
    expect(await count(db, 'SELECT count(*) AS n FROM raw.sai_altas')).toBe(0);
  });
});
