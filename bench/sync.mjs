// Benchmark of portal extraction: a full backfill of one year against the daily incremental syncs of
// the days after (their mean and their worst day), on the simulated portals with realistic latencies
// (Debian Chromium, headless). Takes about 3 minutes on 2 cores.
// Usage: node bench/sync.mjs   (env BENCH_DAYS, default 3: daily syncs after the backfill;
//                               env BENCH_LATENCY_MS, default 20: added to every portal response)
// Target: a daily incremental sync issues at most 15% of the portal requests of the backfill.
import { createJiti } from 'jiti';
import { benchLine } from './bench-line.mjs';

const jiti = createJiti(import.meta.url);
const { startSimulator } = await jiti.import('../tests/sim/index.ts');
const { workspace } = await jiti.import('../tests/integration/portals/harness.ts');

const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 20);
const days = Number(process.env.BENCH_DAYS ?? 3);
const sim = await startSimulator({
  world: { seed: 20250630, startDate: '2024-01-01', endDate: '2025-12-31', altasPerYear: 3000 },
  asOf: '2025-06-30',
  testMode: true,
  faults: {
    sai: { latencyMs, exportDelayMs: 300 },
    prei: { latencyMs, ajaxDelayMs: 150 },
  },
});

async function measure(ws) {
  sim.resetCounters();
  const started = performance.now();
  const result = await ws.run();
  const wallMs = performance.now() - started;
  if (!result.ok) {
    const failures = result.reports.flatMap((r) => r.failures.map((f) => `${r.source}: ${f.message}`));
    throw new Error(`the run failed:\n${failures.join('\n')}`);
  }
  const windows = result.reports.reduce((n, r) => n + r.extracted, 0);
  return {
    'portal actions (paced)': result.requests.sai + result.requests.prei,
    'HTTP requests (portal side)': sim.counters.sai.requests + sim.counters.prei.requests,
    queries: sim.counters.sai.queries + sim.counters.prei.queries,
    downloads: sim.counters.sai.downloads + sim.counters.prei.downloads,
    'windows extracted': windows,
    'wall time (s)': Number((wallMs / 1000).toFixed(1)),
  };
}

const REQUESTS = 'HTTP requests (portal side)';
const nextDay = (iso) => new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

try {
  const ws = await workspace(sim, { backfillFrom: '2024-07-01' });
  const backfill = await measure(ws);
  const dailies = [];
  for (let day = 0; day < days; day += 1) {
    sim.setAsOf(nextDay(sim.asOf));
    dailies.push(await measure(ws));
  }
  const mean = (metric) => dailies.reduce((sum, d) => sum + d[metric], 0) / dailies.length;
  const worst = dailies.reduce((a, b) => (b[REQUESTS] > a[REQUESTS] ? b : a));
  const percent = (part, whole) => (whole ? `${((100 * part) / whole).toFixed(1)}%` : '-');
  const rows = Object.keys(backfill).map((metric) => ({
    metric,
    backfill: backfill[metric],
    [`daily mean (${days} days)`]: Number(mean(metric).toFixed(1)),
    'mean ratio': percent(mean(metric), backfill[metric]),
    'worst day': worst[metric],
    'worst ratio': percent(worst[metric], backfill[metric]),
  }));
  console.table(rows);
  const ratio = worst[REQUESTS] / backfill[REQUESTS];
  benchLine({
    name: `sync: worst daily sync portal requests (${days} days)`,
    value: worst[REQUESTS],
    unit: 'requests',
    floor: backfill[REQUESTS],
    target: { max: 0.15, of: 'ratio' },
  });
  const verdict = ratio <= 0.15 ? 'meets' : 'MISSES';
  console.log(
    `worst daily sync / backfill portal requests: ${(100 * ratio).toFixed(1)}% (${verdict} the 15% target)`,
  );
  process.exitCode = ratio <= 0.15 ? 0 : 1;
} finally {
  await sim.close();
}
