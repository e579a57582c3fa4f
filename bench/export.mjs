// Export of N rows of a synthetic marts.reconciliation (default 100000,1000000): "what I see" through
// exceljs's streaming writer against the floor, the same rows written as CSV through the same paging.
// Prints time, peak RSS and the ratio to the floor. Usage: node --expose-gc bench/export.mjs [sizes].
// Targets: 1,000,000 rows under 60 s and 500 MB.
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createJiti } from 'jiti';

const jiti = createJiti(import.meta.url);
const { DuckDbSession } = await jiti.import('../src/main/warehouse/duckdb/session.ts');
const { gridSelect } = await jiti.import('../src/main/recon/grid-query.ts');
const { gridView } = await jiti.import('../src/main/recon/views.ts');
const { orderedPages } = await jiti.import('../src/main/export/ordered-pages.ts');
const { exportView } = await jiti.import('../src/main/export/view-export.ts');
const { syntheticReconciliation } = await jiti.import('../tests/integration/recon/synthetic-marts.ts');

const sizes = (process.argv[2] ?? '100000,1000000').split(',').map(Number);
const dir = mkdtempSync(join(tmpdir(), 'puente-bench-export-'));
const columns = gridView('reconciliation').columns.map((column) => column.id);
const state = { view: 'reconciliation', sort: [{ colId: 'fecha_alta', sort: 'asc' }] };

async function measure(work) {
  globalThis.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const started = performance.now();
  await work();
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { ms: performance.now() - started, peakMb: peak / 2 ** 20 };
}

const csvCell = (value) =>
  value === null
    ? ''
    : /[",\n]/.test(String(value))
      ? `"${String(value).replaceAll('"', '""')}"`
      : String(value);

async function writeCsv(session, file) {
  const out = createWriteStream(file);
  out.write(`${columns.join(',')}\n`);
  for await (const page of orderedPages(session, gridSelect(session, state), columns)) {
    const ok = out.write(
      page.map((row) => columns.map((id) => csvCell(row[id])).join(',')).join('\n') + '\n',
    );
    if (!ok) await new Promise((resolve) => out.once('drain', resolve));
  }
  await new Promise((resolve) => out.end(resolve));
}

console.log('rows        csv s   csv MB   xlsx s  xlsx MB   time ratio   xlsx file MB');
for (const rows of sizes) {
  const session = await DuckDbSession.open(':memory:');
  await syntheticReconciliation(session, rows);
  const csvFile = join(dir, `floor-${rows}.csv`);
  const xlsxFile = join(dir, `export-${rows}.xlsx`);
  const csv = await measure(() => writeCsv(session, csvFile));
  const xlsx = await measure(() => exportView(session, { ...state, columns }, xlsxFile));
  console.log(
    `${String(rows).padEnd(9)} ${(csv.ms / 1000).toFixed(1).padStart(7)} ${csv.peakMb.toFixed(0).padStart(8)} ${(xlsx.ms / 1000).toFixed(1).padStart(8)} ${xlsx.peakMb.toFixed(0).padStart(8)} ${(xlsx.ms / csv.ms).toFixed(2).padStart(12)} ${(statSync(xlsxFile).size / 2 ** 20).toFixed(1).padStart(14)}`,
  );
  await session.close();
}
rmSync(dir, { recursive: true, force: true });
