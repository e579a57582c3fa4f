import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../../src/main/app/create-app';
import { loadPending } from '../../../src/main/jobs/load-staged';
import { landLocalSources } from '../../../src/main/jobs/local-sources';
import { stagePending } from '../../../src/main/jobs/stage-landed';
import { StagingLog } from '../../../src/main/jobs/staging-log';
import { runSync } from '../../../src/main/jobs/sync';
import type { Stage } from '../../../src/main/stage/stage';
import { generateWorld, writeWorldFiles } from '../../sim';

/**
 * The sync over the analyst's local sources (CFDI folder + PAQ workbook) of a small simulator
 * world, through the real landing store, Parquet stage, DuckDB loader and models.
 */
const world = generateWorld({ seed: 7, startDate: '2025-01-01', endDate: '2025-03-31', altasPerYear: 600 });
let sourceDir: string;
let cfdiCount: number;

beforeAll(async () => {
  sourceDir = mkdtempSync(join(tmpdir(), 'puente-world-'));
  ({ cfdiCount } = await writeWorldFiles(sourceDir, world, '2025-03-31'));
});

const opened: App[] = [];
afterEach(async () => {
  for (const app of opened.splice(0)) await app.close();
});

function appWithLocalSources(dataDir = mkdtempSync(join(tmpdir(), 'puente-data-'))): App {
  const app = createApp({ dataDir, env: { PUENTE_VAULT_KEY: 'test-key' }, logOut: devNull() });
  app.updateSettings({
    ...app.settings(),
    cfdiFolders: [join(sourceDir, 'cfdi')],
    paqWorkbook: { file: join(sourceDir, 'paq.xlsx'), sheet: 'Reporte Paq' },
  });
  opened.push(app);
  return app;
}

function devNull() {
  return { write: () => true } as unknown as NodeJS.WritableStream as never;
}

async function rawCounts(app: App): Promise<Record<string, string>> {
  const session = await app.warehouse();
  const rows = await session.all(
    `SELECT 'cfdi_invoices' AS t, count(*)::VARCHAR AS n, coalesce(sum(total), 0)::VARCHAR AS total FROM raw.cfdi_invoices
     UNION ALL SELECT 'cfdi_concepts', count(*)::VARCHAR, coalesce(sum(importe), 0)::VARCHAR FROM raw.cfdi_concepts
     UNION ALL SELECT 'paq_links', count(*)::VARCHAR, '0' FROM raw.paq_links ORDER BY 1`,
  );
  return Object.fromEntries(rows.map((row) => [row.t, `${row.n} rows, ${row.total}`]));
}

describe('sync of local sources', () => {
  it('lands, stages, loads and builds every CFDI and the PAQ workbook, and records the run', async () => {
    const app = appWithLocalSources();
    const run = await runSync(app, { today: '2025-03-31' });
    expect(run.error).toBeUndefined();
    expect(run.state).toBe('succeeded');
    expect(run.steps.map((step) => [step.step, step.state])).toEqual([
      ['extract', 'done'],
      ['stage', 'done'],
      ['ingest', 'done'],
      ['build', 'done'],
      ['test', 'done'],
    ]);
    const counts = await rawCounts(app);
    expect(counts.cfdi_invoices).toMatch(new RegExp(`^${cfdiCount} rows`));
    expect(Number(counts.paq_links?.split(' ')[0])).toBeGreaterThan(0);
    const status = app.status();
    expect(status.runs[0]?.runId).toBe(run.runId);
    expect(status).toMatchObject({ landedFiles: cfdiCount + 1, quarantinedFiles: 0, pendingFiles: 0 });
    expect(status.freshness.map((source) => [source.report, source.files, source.lastSnapshot])).toEqual([
      ['cfdi', cfdiCount, '2025-03-31'],
      ['paq', 1, '2025-03-31'],
    ]);
    expect(readdirSync(join(app.dataDir.root, 'stage', 'raw'))).toEqual([
      'cfdi_concepts',
      'cfdi_invoices',
      'paq_links',
    ]);
  });

  it('a second sync with nothing new lands, stages and loads nothing, and the warehouse is unchanged', async () => {
    const app = appWithLocalSources();
    await runSync(app, { today: '2025-03-31' });
    const before = await rawCounts(app);
    const again = await runSync(app, { today: '2025-03-31' });
    expect(again.state).toBe('succeeded');
    expect(again.steps.find((s) => s.step === 'stage')?.detail).toBe(
      '0 files parsed into 0 staged files, 0 quarantined',
    );
    expect(again.steps.find((s) => s.step === 'ingest')?.detail).toMatch(/^0 files loaded/);
    expect(await rawCounts(app)).toEqual(before);
  });

  it('a sync killed mid-staging (before or after a put) is completed by the next run, nothing doubled', async () => {
    const reference = appWithLocalSources();
    await runSync(reference, { today: '2025-03-31', skipBuild: true });
    const expected = await rawCounts(reference);

    for (const killWhen of ['before put', 'after put'] as const) {
      const app = appWithLocalSources();
      const stage = await app.stage();
      let puts = 0;
      // Fault injection on the real stage: the second put dies, before or after writing its object.
      const dying: Stage = {
        describe: () => stage.describe(),
        list: (prefix) => stage.list(prefix),
        get: (key, dest) => stage.get(key, dest),
        localPath: (key) => stage.localPath?.(key) ?? '',
        put: async (path, key) => {
          puts += 1;
          if (puts === 2 && killWhen === 'before put') throw new Error('killed before put');
          const result = await stage.put(path, key);
          if (puts === 2) throw new Error('killed after put');
          return result;
        },
      };
      const landing = await app.landing();
      await landLocalSources(landing, app.settings(), {
        runId: 'CRASHED-1',
        snapshotDate: '2025-03-31',
        quarantineDir: app.dataDir.quarantine,
      });
      const log = new StagingLog(join(app.dataDir.root, 'staged.jsonl'));
      await expect(
        stagePending({
          landing,
          stage: dying,
          log,
          quarantineDir: app.dataDir.quarantine,
          runId: 'CRASHED-1',
        }),
      ).rejects.toThrow(/killed/);
      expect(log.keys()).toHaveLength(1);
      await loadPending(await app.warehouse(), stage, log, app.dataDir.runs);

      const resumed = await runSync(app, { today: '2025-03-31', skipBuild: true });
      expect(resumed.state, killWhen).toBe('succeeded');
      expect(await rawCounts(app), killWhen).toEqual(expected);
    }
  });
});
