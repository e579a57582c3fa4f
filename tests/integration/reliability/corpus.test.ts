import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../../src/main/app/create-app';
import type { DatasetName } from '../../../src/main/ingest/datasets';
import type { FailureReason } from '../../../src/main/ingest/failure';
import { parseLanded } from '../../../src/main/ingest/landed';
import { runSync } from '../../../src/main/jobs/sync';
import type { ManifestEntry } from '../../../src/main/landing/manifest';
import type { QuarantineRecord } from '../../../src/main/landing/quarantine';
import type { LandingStore } from '../../../src/main/landing/store';
import type { RunSummary } from '../../../src/shared/status';
import { type CorpusFile, generateCorpus } from '../../corpus/generate';
import { generateWorld, worldAsOf } from '../../sim/index';
import { type GoodFile, landGoodFiles, writeGoodPortalFiles } from './good-files';

/**
 * The hostile-input corpus landed together with good portal files in one data dir, then one sync:
 * every hostile file is quarantined with its own reason (or loaded where it is only unusual), nothing
 * crashes, and the good files of the same run are in the warehouse row for row.
 */

/** Each reason's message must name the fix an analyst can apply. */
const FIX: Record<FailureReason, RegExp> = {
  empty: /download it again|copy the invoice again/,
  too_large: /check that it is/,
  truncated: /download it again/,
  corrupt: /download it again/,
  not_a_spreadsheet: /check that the right file was saved/,
  html_instead_of_xls: /sign in again and download it again/,
  missing_sheet: /check the file or the configured sheet name/,
  bad_header: /right report|keep one/,
  missing_column: /download the report again with all its columns/,
  bad_preamble: /download the report again/,
  range_mismatch: /run it again/,
  supplier_mismatch: /check the account used to sign in/,
  row_count_mismatch: /download it again/,
  bad_value: /Fix these cells at the source or download the file again/,
  missing_value: /Fix these cells|ask the issuer for the stamped XML/,
  xml_malformed: /copy the invoice again|save it as UTF-8/,
  xml_entity_expansion: /Ask the issuer for the stamped XML/,
  not_a_cfdi: /remove it from the invoice folder/,
  unsupported_version: /only 3\.3 and 4\.0 are read/,
  unreadable: /check that the file exists/,
};

const DATASET_OF = {
  sai_altas: 'sai_altas',
  sai_orders: 'sai_orders',
  prei_facturas_cr: 'prei_invoices',
  cfdi: 'cfdi_invoices',
  paq: 'paq_links',
} as const satisfies Record<CorpusFile['report'], DatasetName>;

let workDir: string;
let app: App;
let corpus: CorpusFile[];
let good: GoodFile[];
let run: RunSummary;
let landing: LandingStore;
const landed = new Map<string, ManifestEntry>();

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'puente-corpus-'));
  corpus = await generateCorpus(join(workDir, 'corpus'));
  const world = generateWorld({ seed: 3, startDate: '2025-01-01', endDate: '2025-12-31', altasPerYear: 400 });
  const view = worldAsOf(world, '2025-03-31');
  good = writeGoodPortalFiles(workDir, view, [
    ['2025-01-01', '2025-01-31'],
    ['2025-02-01', '2025-02-28'],
  ]);
  app = createApp({
    dataDir: join(workDir, 'data'),
    env: { PUENTE_VAULT_KEY: 'x' },
    logOut: new Writable({ write: (_chunk, _encoding, done) => done() }),
  });
  landing = await app.landing();
  for (const file of corpus) {
    const put = await landing.put(file.path, {
      portal: file.portal,
      report: file.report,
      parameters: file.parameters,
      downloadedAt: new Date().toISOString(),
      originalName: file.name,
      runId: 'CORPUS',
    });
    landed.set(file.name, put.entry);
  }
  await landGoodFiles(landing, good);
  run = await runSync(app, { today: '2025-06-03' });
}, 240_000);

afterAll(async () => {
  await app?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

const entryOf = (file: CorpusFile) => {
  const entry = landed.get(file.name);
  if (!entry) throw new Error(`${file.name} was not landed`);
  return entry;
};

async function rowsFrom(dataset: DatasetName, srcFile: string): Promise<number> {
  const session = await app.warehouse();
  const [row] = await session.all(`SELECT count(*)::INTEGER AS n FROM raw.${dataset} WHERE _src_file = ?`, [
    srcFile,
  ]);
  return Number(row?.n);
}

describe('hostile-input corpus in one sync', () => {
  it('has at least 30 distinct hostile files, each with a distinct content hash', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(30);
    expect(new Set([...landed.values()].map((entry) => entry.sha256)).size).toBe(corpus.length);
  });

  it('the sync survives the corpus: every step completes, data tests included', () => {
    const states = Object.fromEntries(run.steps.map((step) => [step.step, step.state]));
    expect(states, JSON.stringify(run.steps)).toMatchObject({
      extract: 'done',
      stage: 'done',
      ingest: 'done',
    });
    const quarantined = corpus.filter((file) => file.expect.outcome === 'quarantined').length;
    expect(run.steps.find((step) => step.step === 'stage')?.detail).toMatch(
      new RegExp(`, ${quarantined} quarantined$`),
    );
  });

  it('quarantines each hostile file with its specific reason and a sidecar naming the file and the fix', () => {
    const store = app.dataDir.quarantine;
    const wrong: string[] = [];
    for (const file of corpus) {
      if (file.expect.outcome !== 'quarantined') continue;
      const entry = entryOf(file);
      const latest = landedOutcome(entry.sha256);
      if (latest?.status !== 'quarantined' || latest.reason !== file.expect.reason) {
        wrong.push(`${file.name}: ${JSON.stringify(latest)} (expected ${file.expect.reason})`);
        continue;
      }
      const sidecar = join(store, `${entry.sha256.slice(0, 12)}_${file.name.replace(/[^\w.-]+/g, '_')}.json`);
      expect(existsSync(sidecar), sidecar).toBe(true);
      const record = JSON.parse(readFileSync(sidecar, 'utf8')) as QuarantineRecord;
      expect(record.reason).toBe(file.expect.reason);
      expect(record.originalName).toBe(file.name);
      expect(record.sha256).toBe(entry.sha256);
      expect(record.message).toContain(file.name);
      expect(record.message, file.name).toMatch(FIX[file.expect.reason]);
      expect(existsSync(record.file)).toBe(true);
    }
    expect(wrong).toEqual([]);
  });

  it('loads the unusual-but-valid files row for row', async () => {
    const wrong: string[] = [];
    for (const file of corpus) {
      if (file.expect.outcome !== 'parsed') continue;
      const entry = entryOf(file);
      const rows = await rowsFrom(DATASET_OF[file.report], entry.path);
      if (landedOutcome(entry.sha256)?.status !== 'parsed' || rows !== file.expect.rows)
        wrong.push(`${file.name}: ${rows} rows loaded, ${JSON.stringify(landedOutcome(entry.sha256))}`);
    }
    expect(wrong).toEqual([]);
  });

  it('loads every good file of the same run row for row', async () => {
    expect(good.length).toBe(6);
    for (const file of good) {
      const entry = landing.list().find((e) => e.originalName === file.meta.originalName);
      expect(entry?.outcome.status, file.path).toBe('parsed');
      expect(file.rows, file.path).toBeGreaterThan(0);
      expect(await rowsFrom(file.dataset, entry?.path ?? ''), file.path).toBe(file.rows);
    }
  });

  it('keeps values exact: UUIDs upper-cased, negative amounts, unknown states and formula text as given', async () => {
    const session = await app.warehouse();
    const value = async (sql: string) => String((await session.all(sql))[0]?.v);
    expect(await value(`SELECT folio_fiscal AS v FROM raw.prei_invoices WHERE documento = '00900001'`)).toBe(
      'C0A1B2C3-0000-4000-8000-00000000AAAA',
    );
    expect(
      await value(
        `SELECT count(*) AS v FROM raw.cfdi_invoices WHERE uuid = 'C0FFEE00-0000-4000-8000-000000000009'`,
      ),
    ).toBe('1');
    expect(await value(`SELECT count(*) AS v FROM raw.cfdi_invoices WHERE uuid <> upper(uuid)`)).toBe('0');
    expect(
      await value(`SELECT importe::VARCHAR AS v FROM raw.sai_altas WHERE no_alta = '058001-900014'`),
    ).toBe('-1200.00');
    expect(
      await value(`SELECT importe::VARCHAR AS v FROM raw.prei_invoices WHERE documento = '00900010'`),
    ).toBe('-1500.00');
    expect(await value(`SELECT estado_cr AS v FROM raw.prei_invoices WHERE documento = '00900009'`)).toBe(
      'Suspendido temporalmente',
    );
    expect(await value(`SELECT desc_unidad AS v FROM raw.sai_altas WHERE no_alta = '058001-900017'`)).toBe(
      '=HYPERLINK("http://evil.example","ver")',
    );
    // Overlapping PREI windows: the invoice in both is kept once per window, each with its window.
    expect(
      await value(
        `SELECT string_agg(query_from::VARCHAR, ',' ORDER BY query_from) AS v FROM raw.prei_invoices WHERE documento = '00900003'`,
      ),
    ).toBe('2025-05-01,2025-05-15');
  });

  it('reports a column the portal added instead of dropping it silently', async () => {
    const file = corpus.find((f) => f.name === 'altas-extra-column.xlsx');
    if (!file) throw new Error('corpus lacks the extra-column case');
    const outcome = await parseLanded(landing, entryOf(file), {
      snapshotDate: '2025-06-03',
      quarantineDir: app.dataDir.quarantine,
    });
    expect(outcome.ok && outcome.batches[0]?.extraColumns).toEqual(['observaciones']);
    // The sync recorded it in the manifest, where the app and `puente status` read it.
    expect(landing.get(entryOf(file).sha256)?.outcome).toMatchObject({
      status: 'parsed',
      extraColumns: ['observaciones'],
    });
  });

  it('a second sync parses, quarantines and loads nothing again', async () => {
    const again = await runSync(app, { today: '2025-06-03', skipBuild: true });
    expect(again.steps.find((step) => step.step === 'stage')?.detail).toBe(
      '0 files parsed into 0 staged files, 0 quarantined',
    );
    expect(again.steps.find((step) => step.step === 'ingest')?.detail).toMatch(/^0 files loaded/);
  });
});

function landedOutcome(sha256: string): ManifestEntry['outcome'] | undefined {
  return landing.get(sha256)?.outcome;
}
