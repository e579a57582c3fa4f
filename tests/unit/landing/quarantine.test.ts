import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseLandedFile } from '../../../src/main/ingest/landed';
import type { QuarantineRecord } from '../../../src/main/landing/quarantine';
import { LandingStore } from '../../../src/main/landing/store';
import { ALTAS_HEADER, altasRecord, table } from '../../fixtures/portal-files';
import { xlsxBuffer } from '../../fixtures/workbooks';

const landing = (originalName: string) =>
  ({
    portal: 'sai',
    report: 'sai_altas',
    parameters: { from: '2025-05-01', to: '2025-05-31' },
    downloadedAt: '2025-06-01T06:30:00.000Z',
    originalName,
    runId: 'run-7',
  }) as const;

describe('parsing landed files, with quarantine', () => {
  let dataDir = '';
  let quarantineDir = '';
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'puente-quarantine-'));
    quarantineDir = join(dataDir, 'quarantine');
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('records a parsed file with its row count and lineage', async () => {
    const store = await LandingStore.open(dataDir);
    const buf = await xlsxBuffer({
      data: table(ALTAS_HEADER, [altasRecord(), altasRecord({ noAlta: '011901-000001' })]),
    });
    const put = await store.put(buf, landing('altas_export_1.xlsx'));
    const outcome = await parseLandedFile(store, put.sha256, { snapshotDate: '2025-06-01', quarantineDir });
    expect(outcome.ok && outcome.batches[0]?.srcFile).toBe(put.path);
    expect(outcome.ok && outcome.batches[0]?.srcSha256).toBe(put.sha256);
    expect(store.get(put.sha256)?.outcome).toEqual({ status: 'parsed', rows: 2 });
    expect(await readdir(dataDir)).not.toContain('quarantine');
  });

  it('quarantines an HTML page saved as .xls with a sidecar naming reason, file and fix', async () => {
    const store = await LandingStore.open(dataDir);
    const put = await store.put(
      Buffer.from('<html><body>Sesión expirada</body></html>'),
      landing('altas_export_2.xlsx'),
    );
    const outcome = await parseLandedFile(store, put.sha256, {
      snapshotDate: '2025-06-01',
      quarantineDir,
      runId: 'run-7',
    });
    expect(!outcome.ok && outcome.failure.reason).toBe('html_instead_of_xls');

    const entry = (await LandingStore.open(dataDir)).get(put.sha256);
    expect(entry?.outcome).toMatchObject({ status: 'quarantined', reason: 'html_instead_of_xls' });
    // The raw file stays in landing: quarantine never moves or deletes it.
    expect((await stat(store.absolutePath(put))).isFile()).toBe(true);

    const files = (await readdir(quarantineDir)).sort();
    const name = `${put.sha256.slice(0, 12)}_altas_export_2.xlsx`;
    expect(files).toEqual([name, `${name}.json`]);
    expect(await readFile(join(quarantineDir, name), 'utf8')).toContain('Sesión expirada');
    const sidecar = JSON.parse(
      await readFile(join(quarantineDir, `${name}.json`), 'utf8'),
    ) as QuarantineRecord;
    expect(sidecar).toMatchObject({
      reason: 'html_instead_of_xls',
      sha256: put.sha256,
      originalName: 'altas_export_2.xlsx',
      runId: 'run-7',
    });
    expect(sidecar.message).toMatch(/altas_export_2\.xlsx is a web page .*download it again/);
  });

  it('lists the bad cells of a quarantined file and keeps one copy when quarantined twice', async () => {
    const store = await LandingStore.open(dataDir);
    const buf = await xlsxBuffer({ data: table(ALTAS_HEADER, [altasRecord({ importe: '12,34' })]) });
    const put = await store.put(buf, landing('altas_export_3.xlsx'));
    const options = { snapshotDate: '2025-06-01', quarantineDir };
    await parseLandedFile(store, put.sha256, options);
    await parseLandedFile(store, put.sha256, options);
    const files = await readdir(quarantineDir);
    expect(files).toHaveLength(2);
    const sidecarName = files.find((f) => f.endsWith('.json')) ?? '';
    const sidecar = JSON.parse(await readFile(join(quarantineDir, sidecarName), 'utf8')) as QuarantineRecord;
    expect(sidecar.problems).toEqual([
      { row: 2, field: 'importe', value: '12,34', message: expect.stringContaining('is not a number') },
    ]);
  });
});
