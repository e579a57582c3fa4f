import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatasetName } from '../../../src/main/ingest/datasets';
import { parseRawBuffer } from '../../../src/main/ingest/parse';
import { loadPending } from '../../../src/main/jobs/load-staged';
import { stagePending } from '../../../src/main/jobs/stage-landed';
import { StagingLog } from '../../../src/main/jobs/staging-log';
import { LandingStore } from '../../../src/main/landing/store';
import { decisionsTableDdl } from '../../../src/main/models/decisions';
import { LocalFolderStage } from '../../../src/main/stage/local-folder-stage';
import { ensureRawSchema } from '../../../src/main/warehouse/duckdb/loader';
import { DuckDbSession } from '../../../src/main/warehouse/duckdb/session';
import { rawTableName, sqlType, stagedColumns } from '../../../src/main/warehouse/raw-tables';
import { cfdiFileName, cfdiXml } from '../../sim/files/cfdi-xml';
import { paqWorkbook } from '../../sim/files/paq-workbook';
import { PREI_MAX_RESULTS, preiFileName, preiWorkbook } from '../../sim/files/prei-export';
import { altasWorkbook, ordersWorkbook } from '../../sim/files/sai-export';
import { type WorldView, worldAsOf } from '../../sim/world/as-of';
import { SUPPLIER } from '../../sim/world/catalog';
import { type Day, isoOf } from '../../sim/world/days';
import type { Invoice, World } from '../../sim/world/types';

/**
 * A warehouse fed from a simulated world the way the app feeds it: each snapshot day's portal files
 * (one SAI altas export, one SAI orders export, PREI exports per date window under the portal's cap,
 * one CFDI XML per invoice, the PAQ workbook) are landed, staged and loaded by the lead's pipeline
 * steps, so the models see exactly what real files would give them.
 */
export interface SyncedDay {
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

/**
 * CFDI XMLs go through the real CFDI reader, then into raw.cfdi_* in one insert per day with each
 * row's own lineage. The per-file stage step costs ~100 ms per XML (a DuckDB instance per staged
 * file), which would make a world of thousands of invoices take many minutes to sync.
 */
async function bulkLoadCfdi(session: DuckDbSession, world: World, invoices: Invoice[], asOf: string) {
  const scratch = await mkdtemp(join(tmpdir(), 'puente-cfdi-'));
  try {
    const lines = new Map<DatasetName, string[]>();
    for (const invoice of invoices) {
      const name = cfdiFileName(invoice);
      const outcome = parseRawBuffer(Buffer.from(cfdiXml(world, invoice), 'utf8'), {
        path: name,
        report: 'cfdi',
        snapshotDate: asOf,
        srcFile: `cfdi/${name}`,
      });
      if (!outcome.ok) throw new Error(`${name} does not parse: ${outcome.failure.message}`);
      for (const batch of outcome.batches) {
        const out = lines.get(batch.dataset) ?? [];
        for (const row of batch.rows)
          out.push(JSON.stringify({ ...row.values, _src_file: batch.srcFile, _src_row: String(row.srcRow) }));
        lines.set(batch.dataset, out);
      }
    }
    for (const [dataset, rows] of lines) {
      const file = join(scratch, `${dataset}.ndjson`);
      await writeFile(file, `${rows.join('\n')}\n`);
      const columns = stagedColumns(dataset);
      const asText = columns.map((column) => `'${column.name}': 'VARCHAR'`).join(', ');
      const typed = columns.map((column) => `CAST(${column.name} AS ${sqlType(column.type, 'duckdb')})`);
      await session.run(
        `INSERT INTO ${rawTableName(dataset)} (${columns.map((column) => column.name).join(', ')}, _stage_key, _loaded_at)
         SELECT ${typed.join(', ')}, 'bulk-cfdi-${asOf}', CAST('${asOf} 07:00:00' AS TIMESTAMP)
         FROM read_json('${file}', format = 'newline_delimited', columns = {${asText}})`,
      );
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
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
  const loadedInvoices = new Set<string>();

  async function land(
    bytes: Buffer,
    portal: 'sai' | 'prei' | 'local',
    report: 'sai_altas' | 'sai_orders' | 'prei_facturas_cr' | 'cfdi' | 'paq',
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
    const newInvoices = view.invoices().filter((invoice) => !loadedInvoices.has(invoice.uuid));
    await bulkLoadCfdi(session, world, newInvoices, asOf);
    for (const invoice of newInvoices) loadedInvoices.add(invoice.uuid);
    landed += newInvoices.length;
    count(await land(paqWorkbook(view), 'local', 'paq', 'paq.xlsx', { snapshotDate: asOf }, runId));
    const staging = performance.now();
    await stagePending({ landing, stage, log, quarantineDir: join(dataDir, 'quarantine'), runId });
    const loading = performance.now();
    const loads = await loadPending(session, stage, log, scratchDir);
    const ms = {
      files: Math.round(staging - started),
      stage: Math.round(loading - staging),
      load: Math.round(performance.now() - loading),
    };
    return { landed, loaded: loads.filter((load) => load.status === 'loaded').length, ms };
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
