// Grid page latency at N rows (default 1,000,000) of a synthetic marts.reconciliation: first rows,
// a filter, a sort, the last page, a quick search, each through queryGrid (count + totals + page).
// Usage: node bench/grid.mjs [rows]. Targets: first rows < 1 s; a filter or sort < 300 ms.
import { createJiti } from 'jiti';

const jiti = createJiti(import.meta.url);
const { DuckDbSession } = await jiti.import('../src/main/warehouse/duckdb/session.ts');
const { queryGrid } = await jiti.import('../src/main/recon/grid-query.ts');
const { syntheticReconciliation } = await jiti.import('../tests/integration/recon/synthetic-marts.ts');

const rows = Number(process.argv[2] ?? 1_000_000);
const session = await DuckDbSession.open(':memory:');
let started = performance.now();
await syntheticReconciliation(session, rows);
console.log(`generated ${rows.toLocaleString('en')} rows in ${Math.round(performance.now() - started)} ms`);

const page = { view: 'reconciliation', startRow: 0, endRow: 200 };
const cases = [
  ['first rows', page, 1000],
  [
    'text filter (status)',
    { ...page, filters: { lifecycle_status: { filterType: 'text', type: 'equals', filter: 'Pagado' } } },
    300,
  ],
  [
    'number filter (amount > 900)',
    { ...page, filters: { alta_amount: { filterType: 'number', type: 'greaterThan', filter: 900 } } },
    300,
  ],
  ['sort by amount desc', { ...page, sort: [{ colId: 'alta_amount', sort: 'desc' }] }, 300],
  [
    'sort + filter',
    {
      ...page,
      sort: [{ colId: 'fecha_alta', sort: 'asc' }],
      filters: { book: { filterType: 'text', type: 'equals', filter: 'CPI' } },
    },
    300,
  ],
  [
    'last page, sorted',
    { ...page, startRow: rows - 200, endRow: rows, sort: [{ colId: 'alta_amount', sort: 'desc' }] },
    300,
  ],
  ['quick search', { ...page, quickSearch: '0999998' }, 300],
];

console.log('\ncase                              median ms   max ms   target ms   ratio');
for (const [name, request, target] of cases) {
  const times = [];
  for (let run = 0; run < 5; run++) {
    started = performance.now();
    await queryGrid(session, request);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const median = times[2];
  console.log(
    `${name.padEnd(32)} ${median.toFixed(0).padStart(9)} ${times[4].toFixed(0).padStart(8)} ${String(target).padStart(11)}   ${(median / target).toFixed(2)}`,
  );
}
await session.close();
