import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReportKind, SourceName } from '../../../src/main/ingest/reports';
import { loadPending } from '../../../src/main/jobs/load-staged';
import { stagePending } from '../../../src/main/jobs/stage-landed';
import { StagingLog } from '../../../src/main/jobs/staging-log';
import { LandingStore } from '../../../src/main/landing/store';
import { decisionsTableDdl } from '../../../src/main/models/decisions';
import { LocalFolderStage } from '../../../src/main/stage/local-folder-stage';
import { ensureRawSchema } from '../../../src/main/warehouse/duckdb/loader';
import { DuckDbSession } from '../../../src/main/warehouse/duckdb/session';
import { cfdiFileName, cfdiXml } from '../../sim/files/cfdi-xml';
import { paqWorkbook } from '../../sim/files/paq-workbook';
import { PREI_MAX_RESULTS, preiFileName, preiWorkbook } from '../../sim/files/prei-export';
import { altasWorkbook, ordersWorkbook } from '../../sim/files/sai-export';
import { type WorldView, worldAsOf } from '../../sim/world/as-of';
import { SUPPLIER } from '../../sim/world/catalog';
import { type Day, isoOf } from '../../sim/world/days';
import type { World } from '../../sim/world/types';

/**
 * A warehouse fed from a simulated world the way the app feeds it: each snapshot day's portal files
 * (one SAI altas export, one SAI orders export, PREI exports per date window under the portal's cap,
 * one CFDI XML per invoice, the PAQ workbook) are landed, staged and loaded by the pipeline's own
 * steps (LandingStore.put, stagePending, loadPending), so the models see what real files give them.
 */
export interface SyncedDay {
  /** Portal files landed new (unchanged bytes are known to the landing store and skipped). */
  landed: number;
  loaded: number;
  /** Milliseconds spent writing the portal files, landing, staging and loading them. */
  ms: { files: number; stage: number; load: number };
}

export interface SimulatedWarehouse {
  session: DuckDbSession;
  world: World;
  /** Lands, stages and loads the portal files as they look on `asOf`; returns the files landed. */
  syncDay(asOf: string): Promise<SyncedDay>;
  close(): Promise<void>;
}

/** Date windows of invoice days, each holding at most `cap` PREI rows (a day over the cap stands alone). */
export function preiWindows(view: WorldView, from: Day, to: Day, cap = PREI_MAX_RESULTS): Array<[Day, Day]> {
  const perDay = new Map<Day, number>();
  for (const row of view.preiRows(from, to))
    perDay.set(row.invoice.day, (perDay.get(row.invoice.day) ?? 0) + 1);
  const windows: Array<[Day, Day]> = [];
  let start = from;
  let count = 0;
  for (let day = from; day <= to; day++) {
    const rows = perDay.get(day) ?? 0;
    if (count > 0 && count + rows > cap) {
      windows.push([start, day - 1]);
      start = day;
      count = 0;
    }
    count += rows;
  }
  windows.push([start, to]);
  return windows;
}

export interface SimulatedWarehouseOptions {
  /** Rows per PREI export: the portal's cap by default; larger worlds may use bigger windows. */
  preiRowsPerFile?: number;
}

export async function openSimulatedWarehouse(
  world: World,
  options: SimulatedWarehouseOptions = {},
): Promise<SimulatedWarehouse> {
  const dataDir = await mkdtemp(join(tmpdir(), 'puente-simworld-'));
  const scratchDir = join(dataDir, 'scratch');
  await mkdir(scratchDir, { recursive: true });
  const landing = await LandingStore.open(dataDir);
  const stage = new LocalFolderStage(join(dataDir, 'stage'));
  const log = new StagingLog(join(dataDir, 'staging-log.jsonl'));
  const session = await DuckDbSession.open(':memory:');
  await ensureRawSchema(session);
  await session.run('CREATE SCHEMA IF NOT EXISTS app');
  await session.run(decisionsTableDdl('duckdb'));
  const supplierNumber = SUPPLIER.preiNumber;
  const landedInvoices = new Set<string>();

  async function land(
    bytes: Buffer,
    portal: SourceName,
    report: ReportKind,
    originalName: string,
    parameters: Record<string, string>,
    runId: string,
  ): Promise<boolean> {
    const put = await landing.put(bytes, {
      portal,
      report,
      parameters,
      downloadedAt: `${parameters.snapshotDate}T07:00:00.000Z`,
      originalName,
      runId,
    });
    return put.isNew;
  }

  async function syncDay(asOf: string): Promise<SyncedDay> {
    const started = performance.now();
    const view = worldAsOf(world, asOf);
    const from = world.startDay;
    const to = view.asOf;
    const runId = `sim-${asOf}`;
    const window = { snapshotDate: asOf, from: isoOf(from), to: isoOf(to) };
    let landed = 0;
    const count = (isNew: boolean) => {
      if (isNew) landed += 1;
    };
    count(await land(altasWorkbook(view, from, to), 'sai', 'sai_altas', `altas_${asOf}.xlsx`, window, runId));
    count(
      await land(ordersWorkbook(view, from, to), 'sai', 'sai_orders', `ordenes_${asOf}.xlsx`, window, runId),
    );
    for (const [start, end] of preiWindows(view, from, to, options.preiRowsPerFile)) {
      const parameters = { snapshotDate: asOf, from: isoOf(start), to: isoOf(end), supplierNumber };
      count(
        await land(
          preiWorkbook(view, start, end, supplierNumber),
          'prei',
          'prei_facturas_cr',
          preiFileName(start, end, supplierNumber),
          parameters,
          runId,
        ),
      );
    }
    // The CFDI folder: XMLs landed by an earlier day are known to the landing store, so only new ones are written.
    const newInvoices = view.invoices().filter((invoice) => !landedInvoices.has(invoice.uuid));
    for (const invoice of newInvoices) {
      const xml = Buffer.from(cfdiXml(world, invoice), 'utf8');
      count(await land(xml, 'local', 'cfdi', cfdiFileName(invoice), { snapshotDate: asOf }, runId));
      landedInvoices.add(invoice.uuid);
    }
    count(await land(paqWorkbook(view), 'local', 'paq', 'paq.xlsx', { snapshotDate: asOf }, runId));
    const staging = performance.now();
    const staged = await stagePending({
      landing,
      stage,
      log,
      quarantineDir: join(dataDir, 'quarantine'),
      runId,
    });
    const quarantined = [...staged.files.values()].filter((outcome) => outcome.status === 'quarantined');
    if (quarantined.length)
      throw new Error(`Simulated files were quarantined: ${JSON.stringify(quarantined)}`);
    const loading = performance.now();
    const loads = await loadPending(session, stage, log, scratchDir);
    const ms = {
      files: Math.round(staging - started),
      stage: Math.round(loading - staging),
      load: Math.round(performance.now() - loading),
    };
    const loaded = loads.filter((load) => load.status === 'loaded').length;
    return { landed, loaded, ms };
  }

  return {
    session,
    world,
    syncDay,
    async close() {
      await session.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
