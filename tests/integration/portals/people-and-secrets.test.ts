import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { vaultKeys } from '../../../src/main/secrets/vault';
import { type Simulator, startSimulator } from '../../sim/index';
import { CHROMIUM, captchaSolver, expectedRows, landedRows, report, workspace } from './harness';

let sim: Simulator;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  // A dense world: a month of PREI invoices is over the portal's 100-result cap.
  sim = await startSimulator({
    world: { seed: 5, startDate: '2025-01-01', endDate: '2025-12-31', altasPerYear: 3000 },
    asOf: '2025-03-31',
    testMode: true,
    faults: { sai: { exportDelayMs: 100 }, prei: { ajaxDelayMs: 30 } },
  });
});
afterAll(async () => {
  await sim?.close();
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Every byte a run left behind: files (trace archives opened entry by entry) and captured logs. */
async function artefacts(dataDir: string, logLines: string[]): Promise<Array<[string, string]>> {
  const out: Array<[string, string]> = [['log', logLines.join('')]];
  for (const file of filesUnder(dataDir)) {
    if (file.endsWith('vault.bin')) continue;
    const bytes = readFileSync(file);
    out.push([file, bytes.toString('latin1')]);
    if (file.endsWith('.zip')) {
      const zip = await JSZip.loadAsync(bytes);
      for (const entry of Object.values(zip.files)) {
        out.push([`${file}!${entry.name}`, (await entry.async('nodebuffer')).toString('latin1')]);
      }
    }
  }
  return out;
}

describe('bisection, people in the loop and secrets', () => {
  test('PREI windows over the cap are bisected until each is under it, and the split is remembered', async () => {
    const ws = await workspace(sim, { backfillFrom: '2025-01-01' });
    if (ws.settings.prei) ws.settings.prei.windowDays = 90;
    const first = await ws.run({ sources: ['prei'] });
    const prei = report(first, 'prei');
    expect(first.ok, JSON.stringify(prei.failures)).toBe(true);
    expect(prei.bisected).toBeGreaterThan(0);
    expect(landedRows(prei)).toBe(expectedRows(sim, '2025-01-01', '2025-03-31').prei);
    expect(prei.landed.every((l) => l.rows <= 100)).toBe(true);
    // The next run asks for the remembered pieces directly: no query is refused again.
    const second = await ws.run({ sources: ['prei'] });
    expect(report(second, 'prei').bisected).toBe(0);
    const pieces = prei.landed.map((l) => `${l.window.from}..${l.window.to}`);
    const again = report(second, 'prei').landed.map((l) => `${l.window.from}..${l.window.to}`);
    expect(again.length).toBeGreaterThan(0);
    for (const piece of again) expect(pieces).toContain(piece);
  });

  test('the SAI captcha goes to a person through the hook; a saved session skips it next time', async () => {
    const ws = await workspace(sim, { backfillFrom: '2025-02-01' });
    const solver = captchaSolver(sim);
    const first = await ws.run({ sources: ['sai_altas'], onCaptcha: solver.solve });
    expect(first.ok).toBe(true);
    expect(solver.requests).toHaveLength(1);
    expect(solver.requests[0]?.message).toMatch(/captcha/);
    await expect(solver.requests[0]?.settled).resolves.toBe('solved');
    const stored = await ws.vault.get(vaultKeys.session('sai'));
    expect(stored).toContain('SAI_SESSION');
    const second = await ws.run({ sources: ['sai_altas'], onCaptcha: solver.solve });
    expect(second.ok).toBe(true);
    expect(solver.requests).toHaveLength(1);
  });

  test('a captcha nobody solves ends the portal with a human failure saying what to do', async () => {
    const ws = await workspace(sim, { backfillFrom: '2025-02-01' });
    const prompts: string[] = [];
    const result = await ws.run({
      sources: ['sai_altas', 'prei'],
      onCaptcha: (request) => {
        prompts.push(request.message);
      },
      captchaTimeoutMs: 800,
    });
    const altas = report(result, 'sai_altas');
    expect(prompts).toHaveLength(1);
    expect(altas.failures[0]?.kind).toBe('human');
    expect(altas.failures[0]?.message).toMatch(/nobody solved the captcha.*--headful/);
    expect(altas.failed).toBe(altas.planned);
    expect(report(result, 'prei').failed).toBe(0);
  });

  test('no secret reaches any artefact of a failed run: evidence, traces, landing, logs', async () => {
    const ws = await workspace(sim, { backfillFrom: '2025-02-01' });
    sim.faults.sai.exportNeverReady = true;
    sim.faults.prei.htmlInsteadOfFile = true;
    try {
      const result = await ws.run({ tuning: { exportTimeoutMs: 800, attempts: 1 } });
      expect(result.ok).toBe(false);
      const traces = result.reports.flatMap((r) => r.failures.map((f) => f.evidence.trace)).filter(Boolean);
      expect(traces.length).toBeGreaterThan(0);
    } finally {
      sim.faults.sai.exportNeverReady = false;
      sim.faults.prei.htmlInsteadOfFile = false;
    }
    const session = JSON.parse((await ws.vault.get(vaultKeys.session('sai'))) ?? '{}') as {
      cookies: { value: string }[];
    };
    const secrets = [
      sim.credentials.sai.password,
      sim.credentials.prei.password,
      ...session.cookies.map((c) => c.value),
    ];
    expect(secrets.length).toBeGreaterThan(2);
    const found = await artefacts(ws.dataDir, ws.logLines);
    expect(found.some(([name]) => name.includes('.trace.zip!'))).toBe(true);
    for (const [name, content] of found) {
      for (const secret of secrets) expect(content.includes(secret), `${secret} in ${name}`).toBe(false);
    }
  });
});
