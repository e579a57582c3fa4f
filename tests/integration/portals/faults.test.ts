import { existsSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { vaultKeys } from '../../../src/main/secrets/vault';
import type { Simulator } from '../../sim/index';
import { healthyFaults } from '../../sim/portals/faults';
import {
  CHROMIUM,
  expectedRows,
  landedRows,
  report,
  startSmallSimulator,
  type Workspace,
  workspace,
} from './harness';

// One simulator for every fault; each test starts from a fresh data dir and a healthy portal.
let sim: Simulator;
let ws: Workspace;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  sim = await startSmallSimulator();
});
afterAll(async () => {
  await sim?.close();
});
beforeEach(async () => {
  Object.assign(sim.faults.sai, healthyFaults({ exportDelayMs: 100 }));
  Object.assign(sim.faults.prei, healthyFaults({ ajaxDelayMs: 30 }));
  sim.testHooks.unlock();
  sim.testHooks.expireSessions();
  sim.resetCounters();
  ws = await workspace(sim, { backfillFrom: '2025-02-01' });
});

const FEBRUARY_TO_MARCH = ['2025-02-01', '2025-03-31'] as const;

describe('faults end in the right outcome with nothing lost', () => {
  test('a slow portal is waited for, not failed', async () => {
    sim.faults.sai.latencyMs = 150;
    sim.faults.prei.latencyMs = 150;
    const result = await ws.run({ sources: ['sai_altas', 'prei'] });
    expect(result.ok, JSON.stringify(result.reports.map((r) => r.failures))).toBe(true);
    expect(landedRows(report(result, 'sai_altas'))).toBe(expectedRows(sim, ...FEBRUARY_TO_MARCH).sai_altas);
  });

  test('an HTTP 500 mid-run is retried and the window extracted', async () => {
    let armed = false;
    const result = await ws.run({
      sources: ['prei'],
      onProgress: (event) => {
        if (!armed && event.state === 'running') {
          armed = true;
          sim.faults.prei.fail500OnRequest = sim.counters.prei.requests + 1;
        }
      },
    });
    expect(result.ok, JSON.stringify(result.reports.map((r) => r.failures))).toBe(true);
    expect(landedRows(report(result, 'prei'))).toBe(expectedRows(sim, ...FEBRUARY_TO_MARCH).prei);
    expect(ws.logLines.some((line) => line.includes('HTTP 500'))).toBe(true);
  });

  test('maintenance stops the portal after its retries; its windows stay unextracted for the next run', async () => {
    sim.faults.prei.maintenance = true;
    const result = await ws.run({ sources: ['sai_altas', 'prei'] });
    const prei = report(result, 'prei');
    expect(result.ok).toBe(false);
    expect(prei.failed).toBe(prei.planned);
    expect(prei.failures[0]?.message).toMatch(/maintenance/);
    expect(prei.failures[0]?.evidence.screenshot).toBeTruthy();
    // The other portal went on.
    expect(report(result, 'sai_altas').failed).toBe(0);
    sim.faults.prei.maintenance = false;
    const next = await ws.run({ sources: ['prei'] });
    expect(landedRows(report(next, 'prei'))).toBe(expectedRows(sim, ...FEBRUARY_TO_MARCH).prei);
  });

  test('a session expiring mid-run signs in again and goes on', async () => {
    let expired = false;
    const result = await ws.run({
      sources: ['sai_altas', 'prei'],
      onProgress: (event) => {
        if (!expired && event.state === 'done') {
          expired = true;
          sim.testHooks.expireSessions();
        }
      },
    });
    expect(result.ok, JSON.stringify(result.reports.map((r) => r.failures))).toBe(true);
    expect(sim.counters.sai.logins).toBe(2);
    expect(landedRows(report(result, 'sai_altas'))).toBe(expectedRows(sim, ...FEBRUARY_TO_MARCH).sai_altas);
  });

  test('a portal refusing links straight to its report pages: the stored session is checked on its home', async () => {
    expect((await ws.run({ sources: ['sai_altas', 'prei'] })).ok).toBe(true);
    sim.faults.sai.refuseDeepLinks = true;
    sim.faults.prei.refuseDeepLinks = true;
    sim.resetCounters();
    const result = await ws.run({ sources: ['sai_altas', 'prei'] });
    expect(result.ok, JSON.stringify(result.reports.map((r) => r.failures))).toBe(true);
    // The report pages answered 404 once each; the homes said the sessions were good, and the menus led on.
    expect(sim.counters.sai.logins + sim.counters.prei.logins).toBe(0);
    expect(sim.counters.sai.byPath['GET /app']).toBe(1);
    expect(sim.counters.prei.byPath['GET /PREI/inicio.jsf']).toBe(1);
    expect(report(result, 'sai_altas').extracted).toBeGreaterThan(0);
  });

  test('an export that never comes back fails its windows with evidence; the next run gets them', async () => {
    sim.faults.sai.exportNeverReady = true;
    const result = await ws.run({ sources: ['sai_altas'], tuning: { exportTimeoutMs: 1_500, attempts: 2 } });
    const altas = report(result, 'sai_altas');
    expect(altas.failed).toBe(altas.planned);
    expect(altas.failures[0]?.message).toMatch(/not ready/);
    expect(altas.failures[0]?.evidence.trace).toMatch(/\.trace\.zip$/);
    expect(existsSync(altas.failures[0]?.evidence.html ?? '')).toBe(true);
    sim.faults.sai.exportNeverReady = false;
    const next = await ws.run({ sources: ['sai_altas'] });
    expect(landedRows(report(next, 'sai_altas'))).toBe(expectedRows(sim, ...FEBRUARY_TO_MARCH).sai_altas);
  });

  test.each([
    ['an HTML page saved as .xls', 'htmlInsteadOfFile', /^html_instead_of_xls$/],
    // Half a BIFF8 file is told apart from a whole one only as unreadable ("corrupt").
    ['a truncated file', 'truncateFile', /^(truncated|corrupt)$/],
  ] as const)('%s is landed, quarantined and its window failed', async (_name, fault, reason) => {
    sim.faults.prei[fault] = true;
    const result = await ws.run({ sources: ['prei'] });
    const prei = report(result, 'prei');
    expect(prei.failed).toBe(prei.planned);
    expect(prei.landed.length).toBe(prei.planned);
    for (const landed of prei.landed) expect(landed.quarantined?.reason).toMatch(reason);
    for (const landed of prei.landed) {
      const entry = ws.landing.get(landed.sha256);
      expect(entry?.outcome.status).toBe('quarantined');
      expect(existsSync(ws.landing.absolutePath({ path: landed.path }))).toBe(true);
    }
    expect(prei.failures.every((f) => f.kind === 'verification')).toBe(true);
    sim.faults.prei[fault] = false;
    const next = await ws.run({ sources: ['prei'] });
    expect(landedRows(report(next, 'prei'))).toBe(expectedRows(sim, ...FEBRUARY_TO_MARCH).prei);
  });

  test('wrong credentials stop that portal at once, never retried; the other portal goes on', async () => {
    await ws.vault.set(vaultKeys.password('prei'), 'wrong-password-1');
    const result = await ws.run();
    const prei = report(result, 'prei');
    expect(sim.counters.prei.failedLogins).toBe(1);
    expect(prei.failures[0]?.kind).toBe('credentials');
    expect(prei.failures[0]?.message).toMatch(/puente credentials set prei/);
    expect(report(result, 'sai_orders').failed).toBe(0);
  });

  test('a locked account is reported as such and tried once', async () => {
    sim.faults.sai.lockoutAfter = 1;
    await ws.vault.set(vaultKeys.password('sai'), 'wrong-password-2');
    const result = await ws.run({ sources: ['sai_altas', 'sai_orders'] });
    expect(sim.counters.sai.failedLogins).toBe(1);
    await ws.vault.set(vaultKeys.password('sai'), sim.credentials.sai.password);
    const again = await ws.run({ sources: ['sai_altas'] });
    const altas = report(again, 'sai_altas');
    expect(report(result, 'sai_orders').failures[0]?.kind).toBe('credentials');
    expect(altas.failures[0]?.message).toMatch(/bloqueada/);
    expect(sim.counters.sai.failedLogins).toBe(2);
  });
});
