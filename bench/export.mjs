// Export of N rows of a synthetic marts.reconciliation kept in a DuckDB file (as the app keeps it):
// "what I see" (all 40 columns, sorted by date) through the xlsx writer, against the floor: the same
// rows from the same ordered pages written as CSV. Each measurement runs in a fresh process that
// opens the warehouse file, as the app would: wall time, CPU time, peak RSS (absolute, and above the
// process's RSS once the warehouse is open) and the longest event-loop stall (how long the main
// process could not answer the window). Median of BENCH_RUNS runs (default 1).
// Usage: node bench/export.mjs [sizes, default 100000,1000000]. Target: 1,000,000 rows < 60 s, < 500 MB.
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createJiti } from 'jiti';
import { benchLine, median } from './bench-line.mjs';

const jiti = createJiti(import.meta.url);
const { DuckDbSession } = await jiti.import('../src/main/warehouse/duckdb/session.ts');
const { gridSelect } = await jiti.import('../src/main/recon/grid-query.ts');
const { orderedPages } = await jiti.import('../src/main/export/ordered-pages.ts');
const { exportView } = await jiti.import('../src/main/export/view-export.ts');
const { syntheticReconciliation } = await jiti.import('../tests/integration/recon/synthetic-marts.ts');

const state = { view: 'reconciliation', sort: [{ colId: 'fecha_alta', sort: 'asc' }] };
async function measure(work) {
  globalThis.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 25);
  const stalls = monitorEventLoopDelay({ resolution: 10 });
  stalls.enable();
  const cpu = process.cpuUsage();
  const started = performance.now();
  await work();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  stalls.disable();
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  return {
    ms,
    cpuMs: (used.user + used.system) / 1000,
    peakMb: peak / 2 ** 20,
    addedMb: (peak - base) / 2 ** 20,
    stallMs: stalls.max / 1e6,
  };
}

const csvCell = (text) => (/[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

async function writeCsv(session, columns, file) {
  const out = createWriteStream(file);
  out.write(`${columns.map((column) => column.id).join(',')}\n`);
  for await (const page of orderedPages(session, await gridSelect(session, state), columns)) {
    let text = '';
    for (const cells of page) text += `${cells.map(csvCell).join(',')}\n`;
    if (!out.write(text)) await new Promise((resolve) => out.once('drain', resolve));
  }
  await new Promise((resolve) => out.end(resolve));
}

/** In a fresh process: opens the warehouse, writes it as `kind` (csv or xlsx), prints the measures as JSON. */
async function measureOnce(kind, warehouse, out) {
  const session = await DuckDbSession.open(warehouse);
  const columns = (await gridSelect(session, state)).definition.columns;
  const result =
    kind === 'csv'
      ? await measure(() => writeCsv(session, columns, out))
      : await measure(() => exportView(session, { ...state, columns: columns.map((c) => c.id) }, out));
  await session.close();
  console.log(JSON.stringify(result));
}

function medianOf(results) {
  return Object.fromEntries(Object.keys(results[0]).map((key) => [key, median(results.map((r) => r[key]))]));
}

function measured(kind, warehouse, out) {
  const args = ['--expose-gc', fileURLToPath(import.meta.url), '--measure', kind, warehouse, out];
  const printed = execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 2 ** 24 });
  return JSON.parse(printed.trim().split('\n').at(-1) ?? '{}');
}

async function main() {
  const sizes = (process.argv[2] ?? '100000,1000000').split(',').map(Number);
  const runs = Number(process.env.BENCH_RUNS ?? 1);
  const dir = mkdtempSync(join(tmpdir(), 'puente-bench-export-'));
  console.log('rows        csv s  xlsx s  xlsx cpu s  ratio  peak MB  added MB  max stall ms  xlsx MB');
  for (const rows of sizes) {
    const warehouse = join(dir, `warehouse-${rows}.duckdb`);
    const generator = await DuckDbSession.open(warehouse);
    await syntheticReconciliation(generator, rows);
    await generator.close();
    const xlsxFile = join(dir, `export-${rows}.xlsx`);
    const csvRuns = [];
    const xlsxRuns = [];
    for (let run = 0; run < runs; run++) {
      csvRuns.push(measured('csv', warehouse, join(dir, `floor-${rows}.csv`)));
      xlsxRuns.push(measured('xlsx', warehouse, xlsxFile));
    }
    const csv = medianOf(csvRuns);
    const xlsx = medianOf(xlsxRuns);
    console.log(
      `${String(rows).padEnd(9)} ${(csv.ms / 1000).toFixed(1).padStart(7)} ${(xlsx.ms / 1000).toFixed(1).padStart(7)} ${(xlsx.cpuMs / 1000).toFixed(1).padStart(11)} ${(xlsx.ms / csv.ms).toFixed(2).padStart(6)} ${xlsx.peakMb.toFixed(0).padStart(8)} ${xlsx.addedMb.toFixed(0).padStart(9)} ${xlsx.stallMs.toFixed(0).padStart(13)} ${(statSync(xlsxFile).size / 2 ** 20).toFixed(1).padStart(8)}`,
    );
    const target = (max) => (rows >= 1_000_000 ? { max, of: 'value' } : null);
    benchLine({
      name: `export ${rows} rows: time`,
      value: xlsx.ms / 1000,
      unit: 's',
      floor: csv.ms / 1000,
      target: target(60),
    });
    benchLine({
      name: `export ${rows} rows: peak RSS`,
      value: xlsx.peakMb,
      unit: 'MB',
      floor: csv.peakMb,
      target: target(500),
    });
    benchLine({
      name: `export ${rows} rows: longest event-loop stall`,
      value: xlsx.stallMs,
      unit: 'ms',
      target: { max: 200, of: 'value' },
    });
  }
  rmSync(dir, { recursive: true, force: true });
}

if (process.argv[2] === '--measure') await measureOnce(process.argv[3], process.argv[4], process.argv[5]);
else await main();
