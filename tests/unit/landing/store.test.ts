import { createHash } from 'node:crypto';
import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LandingSourceError, LandingWriteError } from '../../../src/main/landing/atomic-file';
import { readManifest } from '../../../src/main/landing/manifest';
import { type LandingMeta, LandingStore } from '../../../src/main/landing/store';

const meta = (overrides: Partial<LandingMeta> = {}): LandingMeta => ({
  portal: 'sai',
  report: 'sai_altas',
  parameters: { from: '2025-05-01', to: '2025-05-31' },
  downloadedAt: '2025-06-01T06:30:00.000Z',
  originalName: 'altas_export_1748760000000.XLSX',
  runId: 'run-1',
  ...overrides,
});

const sha = (buf: Buffer) => createHash('sha256').update(buf).digest('hex');

describe('LandingStore', () => {
  let dataDir = '';
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'puente-landing-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('stores bytes once by SHA-256, read-only, under landing/<2 hex>/', async () => {
    const store = await LandingStore.open(dataDir);
    const bytes = Buffer.from('raw report bytes');
    const put = await store.put(bytes, meta());
    expect(put).toMatchObject({ sha256: sha(bytes), size: bytes.length, isNew: true });
    expect(put.path).toBe(`landing/${sha(bytes).slice(0, 2)}/${sha(bytes)}.xlsx`);
    const file = join(dataDir, put.path);
    expect(await readFile(file)).toEqual(bytes);
    expect((await stat(file)).mode & 0o777).toBe(0o444);
  });

  it('lands the same bytes again (here from a file) as not new, writing nothing', async () => {
    const store = await LandingStore.open(dataDir);
    const bytes = Buffer.from('same bytes');
    const first = await store.put(bytes, meta());
    const source = join(dataDir, 'download.xlsx');
    await writeFile(source, bytes);
    const again = await store.put(source, meta({ runId: 'run-2' }));
    expect(again).toMatchObject({ sha256: first.sha256, path: first.path, isNew: false });
    expect(again.entry.runId).toBe('run-1');
    expect(store.list()).toHaveLength(1);
    expect(await readdir(join(dataDir, 'landing', '.tmp'))).toEqual([]);
    expect((await readFile(store.manifestFile, 'utf8')).trim().split('\n')).toHaveLength(1);
  });

  it('serialises concurrent puts of the same bytes into one landing', async () => {
    const store = await LandingStore.open(dataDir);
    const bytes = Buffer.from('concurrent');
    const results = await Promise.all([store.put(bytes, meta()), store.put(bytes, meta())]);
    expect(results.map((r) => r.isNew).sort()).toEqual([false, true]);
    expect(store.list()).toHaveLength(1);
  });

  it('round-trips the manifest; an outcome update appends a record and the last one wins', async () => {
    const store = await LandingStore.open(dataDir);
    const put = await store.put(Buffer.from('a'), meta());
    await store.put(
      Buffer.from('b'),
      meta({ portal: 'prei', report: 'prei_facturas_cr', originalName: 'f.xls' }),
    );
    await store.recordOutcome(put.sha256, { status: 'quarantined', reason: 'truncated', message: 'cut off' });
    await store.recordOutcome(put.sha256, { status: 'parsed', rows: 3 });

    const reopened = await LandingStore.open(dataDir);
    expect(reopened.has(put.sha256)).toBe(true);
    expect(reopened.list().map((e) => e.report)).toEqual(['sai_altas', 'prei_facturas_cr']);
    expect(reopened.get(put.sha256)).toMatchObject({
      ...meta(),
      sha256: put.sha256,
      path: put.path,
      size: 1,
      outcome: { status: 'parsed', rows: 3 },
    });
    expect((await readFile(store.manifestFile, 'utf8')).trim().split('\n')).toHaveLength(4);
    await expect(reopened.recordOutcome('0'.repeat(64), { status: 'pending' })).rejects.toThrow(
      /No landed file/,
    );
  });

  it('survives a manifest line torn by a crash, and keeps appending whole lines', async () => {
    const store = await LandingStore.open(dataDir);
    await store.put(Buffer.from('a'), meta());
    await appendFile(store.manifestFile, '{"sha256":"ab');
    const reopened = await LandingStore.open(dataDir);
    expect(reopened.list()).toHaveLength(1);
    const put = await reopened.put(Buffer.from('b'), meta());
    const contents = readManifest(store.manifestFile);
    expect(contents.badLines).toEqual([2]);
    expect(contents.entries.has(put.sha256)).toBe(true);
    expect(contents.entries.size).toBe(2);
  });

  it('leaves nothing partial and names the path when the final write fails', async () => {
    const store = await LandingStore.open(dataDir);
    const bytes = Buffer.from('cannot land');
    // The shard folder's name is taken by a file: the move into place fails (ENOTDIR/EEXIST).
    await writeFile(join(dataDir, 'landing', sha(bytes).slice(0, 2)), 'in the way');
    const error = await store.put(bytes, meta()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LandingWriteError);
    expect((error as LandingWriteError).message).toContain(sha(bytes));
    expect((error as LandingWriteError).message).toMatch(/check free disk space and permissions/);
    expect(await readdir(join(dataDir, 'landing', '.tmp'))).toEqual([]);
    expect(store.has(sha(bytes))).toBe(false);
    expect(readManifest(store.manifestFile).entries.size).toBe(0);
  });

  it('leaves nothing partial when the source cannot be read', async () => {
    const store = await LandingStore.open(dataDir);
    const folder = join(dataDir, 'a-folder.xlsx');
    await mkdir(folder);
    const error = await store.put(folder, meta()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LandingSourceError);
    expect((error as Error).message).toContain(`Could not read ${folder} (EISDIR)`);
    expect(await readdir(join(dataDir, 'landing'))).toEqual([]);
    expect(store.list()).toEqual([]);
  });

  it('recovers a file landed without its record (a crash between move and manifest)', async () => {
    const bytes = Buffer.from('orphan');
    const path = join(dataDir, 'landing', sha(bytes).slice(0, 2), `${sha(bytes)}.xlsx`);
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(path, bytes, { mode: 0o444 });
    const store = await LandingStore.open(dataDir);
    const put = await store.put(bytes, meta());
    expect(put.isNew).toBe(true);
    expect(await readFile(path)).toEqual(bytes);
    expect(store.get(put.sha256)?.outcome).toEqual({ status: 'pending' });
  });
});
