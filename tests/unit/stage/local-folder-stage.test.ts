import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalFolderStage } from '../../../src/main/stage/local-folder-stage';
import { StageConflictError } from '../../../src/main/stage/stage';
import { parseStageKey, stageKey } from '../../../src/main/stage/stage-key';

const dir = mkdtempSync(join(tmpdir(), 'puente-local-stage-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sha = 'ab'.repeat(32);

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('stageKey', () => {
  it('builds raw/<dataset>/dt=<date>/<run>_<sha8>.parquet and parses it back', () => {
    const key = stageKey({
      dataset: 'prei_invoices',
      date: '2025-07-01',
      runId: 'R20250701-0630',
      srcSha256: sha,
    });
    expect(key).toBe('raw/prei_invoices/dt=2025-07-01/R20250701-0630_abababab.parquet');
    expect(parseStageKey(key)).toEqual({
      dataset: 'prei_invoices',
      date: '2025-07-01',
      runId: 'R20250701-0630',
      sha8: 'abababab',
    });
    expect(parseStageKey('raw/unknown/dt=2025-07-01/R1_abababab.parquet')).toBeUndefined();
  });

  it('rejects run ids and dates that would make odd keys', () => {
    expect(() => stageKey({ dataset: 'sai_altas', date: '01/07/2025', runId: 'R1', srcSha256: sha })).toThrow(
      /YYYY-MM-DD/,
    );
    expect(() =>
      stageKey({ dataset: 'sai_altas', date: '2025-07-01', runId: '../x', srcSha256: sha }),
    ).toThrow(/run id/);
  });
});

describe('LocalFolderStage', () => {
  const stage = new LocalFolderStage(join(dir, 'stage'));
  const key = 'raw/sai_altas/dt=2025-07-01/R1_abababab.parquet';

  it('puts a file, reports it present on an identical re-put, and never overwrites a key', async () => {
    const first = await stage.put(file('a.bin', 'content A'), key);
    expect(first).toMatchObject({ key, size: 9, alreadyPresent: false });
    const again = await stage.put(file('a2.bin', 'content A'), key);
    expect(again).toMatchObject({ alreadyPresent: true, sha256: first.sha256 });
    await expect(stage.put(file('b.bin', 'content B'), key)).rejects.toBeInstanceOf(StageConflictError);
    expect(readFileSync(stage.localPath(key), 'utf8')).toBe('content A');
  });

  it('lists by prefix in key order and copies objects out', async () => {
    await stage.put(file('c.bin', 'C'), 'raw/sai_altas/dt=2025-07-02/R2_cdcdcdcd.parquet');
    await stage.put(file('d.bin', 'DD'), 'raw/sai_orders/dt=2025-07-02/R2_cdcdcdcd.parquet');
    const altas = await stage.list('raw/sai_altas/');
    expect(altas.map((o) => o.key)).toEqual([key, 'raw/sai_altas/dt=2025-07-02/R2_cdcdcdcd.parquet']);
    expect((await stage.list('raw/sai_orders/dt=2025-07-02/'))[0]?.size).toBe(2);
    expect(await stage.list('raw/cfdi_invoices/')).toEqual([]);
    await stage.get(key, join(dir, 'out', 'copy.bin'));
    expect(readFileSync(join(dir, 'out', 'copy.bin'), 'utf8')).toBe('content A');
  });

  it('refuses keys that escape the stage folder', async () => {
    await expect(stage.put(file('e.bin', 'E'), '../outside.parquet')).rejects.toThrow(
      /Not a valid stage key/,
    );
  });
});
