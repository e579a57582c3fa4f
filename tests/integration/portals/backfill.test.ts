import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ExtractionResult } from '../../../src/main/portals/types';
import type { Simulator } from '../../sim/index';
import {
  CHROMIUM,
  expectedRows,
  landedRows,
  report,
  startSmallSimulator,
  type Workspace,
  workspace,
} from './harness';

let sim: Simulator;
let ws: Workspace;
let first: ExtractionResult;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  sim = await startSmallSimulator();
  ws = await workspace(sim);
  first = await ws.run();
});
afterAll(async () => {
  await sim?.close();
});

describe('extraction against the simulated portals', () => {
  test('a full backfill lands every report with the rows the portals hold', () => {
    expect(first.ok, JSON.stringify(first.reports.map((r) => r.failures))).toBe(true);
    const expected = expectedRows(sim, '2025-01-01', '2025-03-31');
    for (const source of ['sai_altas', 'sai_orders', 'prei'] as const) {
      const r = report(first, source);
      expect(r.failed).toBe(0);
      expect(r.extracted).toBe(r.planned);
      expect(landedRows(r), source).toBe(expected[source]);
      expect(r.landed.every((l) => l.isNew)).toBe(true);
    }
    // Every file is in the landing store's manifest, with its window and the run that landed it.
    const manifest = ws.landing.list();
    expect(manifest).toHaveLength(first.reports.flatMap((r) => r.landed).length);
    const prei = manifest.find((e) => e.report === 'prei_facturas_cr');
    expect(prei?.parameters).toMatchObject({ supplierNumber: sim.credentials.prei.supplierNumber });
    expect(prei?.runId).toBe('run1');
    // Signed in once per portal, the captcha solved through the test hook.
    expect(sim.counters.sai.logins).toBe(1);
    expect(sim.counters.prei.logins).toBe(1);
    expect(first.requests.sai).toBeGreaterThan(0);
    expect(ws.events.filter((e) => e.state === 'done').length).toBe(
      first.reports.reduce((n, r) => n + r.extracted, 0),
    );
    const last = ws.events.at(-1);
    expect(last?.done).toBe(last?.total);
  });

  test('a second run with the world unchanged lands no new file and reuses the stored sessions', async () => {
    sim.resetCounters();
    const second = await ws.run();
    expect(second.ok).toBe(true);
    expect(second.reports.flatMap((r) => r.landed).every((l) => !l.isNew)).toBe(true);
    expect(report(second, 'sai_altas').skipped).toBeGreaterThan(0);
    expect(sim.counters.sai.logins + sim.counters.prei.logins).toBe(0);
  });

  test('a run with valid sessions loads each report page once and nothing the browser asks on its own', async () => {
    sim.resetCounters();
    expect((await ws.run()).ok).toBe(true);
    const pages = (portal: 'sai' | 'prei') =>
      Object.entries(sim.counters[portal].byPath).filter(
        ([path]) => !/\/api\/|\/pagos\/(buscar|exportar)$/.test(path),
      );
    // The session is checked on the first report's page, not on the home page first; no favicon is
    // fetched (PREI answers one with a redirect to its login page: two requests per page load).
    expect(pages('sai')).toEqual([
      ['GET /app/altas', 1],
      ['GET /app/ordenes', 1],
    ]);
    expect(pages('prei')).toEqual([['GET /PREI/pagos/facturasVsCR.jsf', 1]]);
  });

  test('a run after the world moves a day re-extracts only open windows', async () => {
    sim.setAsOf('2025-04-01');
    const before = ws.events.length;
    const third = await ws.run();
    expect(third.ok, JSON.stringify(third.reports.map((r) => r.failures))).toBe(true);
    const ran = (source: string) =>
      ws.events
        .slice(before)
        .filter((e) => e.state === 'running' && e.task.startsWith(`${source} `))
        .map((e) => e.task.slice(source.length + 1));
    // Altas never change: only the recent window and the new day (one query); settled months are skipped.
    expect(ran('sai_altas')).toEqual(['2025-03-04..2025-04-01']);
    expect(report(third, 'sai_altas').skipped).toBe(2);
    // Orders and PREI invoices still open keep their windows in the plan; the rest are skipped.
    const orders = report(third, 'sai_orders');
    expect(orders.planned).toBe(ran('sai_orders').length);
    const prei = report(third, 'prei');
    expect(prei.planned + prei.skipped).toBe(4);
    const expected = expectedRows(sim, '2025-03-04', '2025-04-01');
    expect(landedRows(report(third, 'sai_altas'))).toBe(expected.sai_altas);
  });
});
