import { altasWorkbook } from './files/sai-export';
import { worldAsOf } from './world/as-of';
import { dayFromIso } from './world/days';
import { generateWorld } from './world/generate';

/**
 * Scale check (not a test): generates 1,000,000 altas over 3 years and times one month's SAI export.
 * Bundle and run it by hand, e.g. `npx rolldown tests/sim/bench-scale.ts --platform node -d /tmp/b`
 * then `node /tmp/b/bench-scale.js`.
 */
const started = Date.now();
const world = generateWorld({
  seed: 1,
  startDate: '2023-01-01',
  endDate: '2025-12-31',
  altasPerYear: Number(process.env.SIM_ALTAS_PER_YEAR ?? 333_334),
});
const generatedMs = Date.now() - started;
const heapMb = Math.round(process.memoryUsage().heapUsed / 2 ** 20);
const view = worldAsOf(world, '2025-12-31');
const exportStarted = Date.now();
const bytes = altasWorkbook(view, dayFromIso('2025-03-01'), dayFromIso('2025-03-31'));
console.log(
  JSON.stringify({
    altas: world.altas.length,
    orders: world.orders.length,
    invoices: world.invoices.length,
    uploads: world.uploads.length,
    generatedMs,
    heapMb,
    monthExportMs: Date.now() - exportStarted,
    monthExportBytes: bytes.length,
  }),
);
