// Grid page latency at N rows (default 1,000,000) of a synthetic marts.reconciliation in a DuckDB
// file (as the app keeps it): first rows, filters, sorts, the last page and quick searches, each
// through queryGrid (count + totals + page). The floor of a case is the obvious
// SQL for the same answer (see floorMs). Median of 5 runs.
// Usage: node bench/grid.mjs [rows]. Targets: first rows < 1 s; a filter, sort or search < 300 ms.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createJiti } from 'jiti';
import { benchLine, median } from './bench-line.mjs';

const jiti = createJiti(import.meta.url);
const { DuckDbSession } = await jiti.import('../src/main/warehouse/duckdb/session.ts');
const { gridSelect, queryGrid } = await jiti.import('../src/main/recon/grid-query.ts');
const { quickSearchPredicate, searchWords } = await jiti.import('../src/main/recon/filters.ts');
const { syntheticReconciliation } = await jiti.import('../tests/integration/recon/synthetic-marts.ts');

const rows = Number(process.argv[2] ?? 1_000_000);
const RUNS = 5;
const dir = mkdtempSync(join(tmpdir(), 'puente-bench-grid-'));
const session = await DuckDbSession.open(join(dir, 'warehouse.duckdb'));
let started = performance.now();
await syntheticReconciliation(session, rows);
await session.run('CHECKPOINT');
console.log(`generated ${rows.toLocaleString('en')} rows in ${Math.round(performance.now() - started)} ms`);

const page = { view: 'reconciliation', startRow: 0, endRow: 200 };
const search = (words) => ({ ...page, quickSearch: words });
// Each run of a "new search" case types different words, so nothing is cached from the run before.
const alta = (run) => `09999${90 + run}`;
const cases = [
  ['first rows', () => page, 1000],
  [
    'text filter (status)',
    () => ({
      ...page,
      filters: { lifecycle_status: { filterType: 'text', type: 'equals', filter: 'Pagado' } },
    }),
    300,
  ],
  [
    'number filter (amount > 900)',
    () => ({ ...page, filters: { alta_amount: { filterType: 'number', type: 'greaterThan', filter: 900 } } }),
    300,
  ],
  ['sort by amount desc', () => ({ ...page, sort: [{ colId: 'alta_amount', sort: 'desc' }] }), 300],
  [
    'sort + filter',
    () => ({
      ...page,
      sort: [{ colId: 'fecha_alta', sort: 'asc' }],
      filters: { book: { filterType: 'text', type: 'equals', filter: 'CPI' } },
    }),
    300,
  ],
  [
    'last page, sorted',
    () => ({ ...page, startRow: rows - 200, endRow: rows, sort: [{ colId: 'alta_amount', sort: 'desc' }] }),
    300,
  ],
  ['quick search, new id', (run) => search(alta(run)), 300],
  ['quick search, new status words', (run) => search(run % 2 ? 'sin contrarecibo' : 'en proceso'), 300],
  ['quick search, next page', () => ({ ...search('pagado'), startRow: 200, endRow: 400 }), 300],
];

/**
 * The floor: the obvious SQL for the same answer, without the search index, the cached hits or
 * the key join: one count with the money totals, then the page by LIMIT/OFFSET over all its columns.
 */
async function floorMs(request) {
  const select = await gridSelect(session, { ...request, quickSearch: '' });
  const { binder, definition } = select;
  const words = searchWords(request.quickSearch ?? '');
  const predicates = [
    select.where.replace(/^WHERE /, ''),
    words.length ? quickSearchPredicate(definition.search ?? [], words, binder) : '',
  ]
    .filter(Boolean)
    .join(' AND ');
  const where = predicates ? `WHERE ${predicates}` : '';
  const money = definition.columns.filter((c) => c.kind === 'money').map((c) => `sum(${c.id})`);
  const columns = definition.columns.map((c) => c.id).join(', ');
  const count = `SELECT count(*), ${money.join(', ')} FROM ${definition.relation} ${where}`;
  const page = `SELECT ${columns} FROM ${definition.relation} ${where} ${select.orderBy} LIMIT ${request.endRow - request.startRow} OFFSET ${request.startRow}`;
  const times = [];
  for (let run = 0; run < RUNS; run++) {
    const t = performance.now();
    await session.all(count, binder.values);
    await session.all(page, binder.values);
    times.push(performance.now() - t);
  }
  return median(times);
}

// The first search after a build also builds the mart's search index: measured once, on its own.
started = performance.now();
await queryGrid(session, search('u220001'));
const indexMs = performance.now() - started;

console.log('\ncase                              median ms   max ms   floor ms   target ms   ratio');
for (const [name, request, target] of cases) {
  const times = [];
  for (let run = 0; run < RUNS; run++) {
    started = performance.now();
    await queryGrid(session, request(run));
    times.push(performance.now() - started);
  }
  const value = median(times);
  const floor = await floorMs(request(0));
  console.log(
    `${name.padEnd(32)} ${value.toFixed(0).padStart(9)} ${Math.max(...times)
      .toFixed(0)
      .padStart(
        8,
      )} ${floor.toFixed(0).padStart(10)} ${String(target).padStart(11)}   ${(value / floor).toFixed(2)}`,
  );
  benchLine({
    name: `grid ${rows}: ${name}`,
    value,
    unit: 'ms',
    floor,
    target: { max: target, of: 'value' },
  });
}
console.log(`first search after a build (builds the search index): ${indexMs.toFixed(0)} ms`);
benchLine({
  name: `grid ${rows}: first search after a build`,
  value: indexMs,
  unit: 'ms',
  target: { max: 1000, of: 'value' },
});
await session.close();
rmSync(dir, { recursive: true, force: true });
