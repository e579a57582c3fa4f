import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { LandingStore } from '../../../src/main/landing/store';
import { Logger } from '../../../src/main/log/logger';
import { Redactor } from '../../../src/main/log/redact';
import { extract } from '../../../src/main/portals/runner';
import type {
  CaptchaRequest,
  ExtractionResult,
  ExtractOptions,
  ReportResult,
} from '../../../src/main/portals/types';
import { FileVault } from '../../../src/main/secrets/file-vault';
import { vaultKeys } from '../../../src/main/secrets/vault';
import type { PortalsSettings } from '../../../src/main/settings/schema';
import type { ProgressEvent } from '../../../src/shared/progress';
import { type Simulator, type SimulatorOptions, startSimulator } from '../../sim/index';
import { dayFromIso } from '../../sim/world/days';

export const CHROMIUM = '/usr/bin/chromium';

/** A small world: three months of backfill, under PREI's cap with monthly windows. */
export const SMALL_WORLD = { seed: 11, startDate: '2025-01-01', endDate: '2025-12-31', altasPerYear: 500 };

export function startSmallSimulator(overrides: SimulatorOptions = {}): Promise<Simulator> {
  return startSimulator({
    world: SMALL_WORLD,
    asOf: '2025-03-31',
    testMode: true,
    ...overrides,
    faults: {
      sai: { exportDelayMs: 100, ...overrides.faults?.sai },
      prei: { ajaxDelayMs: 30, ...overrides.faults?.prei },
    },
  });
}

/** Solves SAI's captcha as a person would, reading the answer through the simulator's test hook. */
export function captchaSolver(sim: Simulator) {
  const requests: CaptchaRequest[] = [];
  const solve = async (request: CaptchaRequest) => {
    requests.push(request);
    const frame = request.page.locator('#captchaFrame');
    const id = (await frame.getAttribute('data-captcha-id')) ?? '';
    const captcha = request.page.frameLocator('#captchaFrame');
    await captcha.getByLabel('Escriba el texto de la imagen').fill(sim.testHooks.captchaAnswer(id) ?? '');
    await captcha.getByRole('button', { name: 'Verificar' }).click();
  };
  return { requests, solve };
}

/** A data dir with a vault holding the simulator's passwords, a landing store and a captured log. */
export interface Workspace {
  dataDir: string;
  vault: FileVault;
  redactor: Redactor;
  logger: Logger;
  logLines: string[];
  landing: LandingStore;
  settings: PortalsSettings;
  events: ProgressEvent[];
  run(overrides?: Partial<ExtractOptions>): Promise<ExtractionResult>;
}

export async function workspace(sim: Simulator, settings: Partial<PortalsSettings> = {}): Promise<Workspace> {
  const dataDir = mkdtempSync(join(tmpdir(), 'puente-portals-'));
  const redactor = new Redactor();
  const vault = new FileVault(join(dataDir, 'vault.bin'), 'test-passphrase', redactor);
  await vault.set(vaultKeys.password('sai'), sim.credentials.sai.password);
  await vault.set(vaultKeys.password('prei'), sim.credentials.prei.password);
  const logLines: string[] = [];
  const out = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  const logger = new Logger({ redactor, json: true, out, level: 'debug' }, 'test');
  const landing = await LandingStore.open(dataDir);
  const fullSettings: PortalsSettings = {
    sai: { enabled: true, url: sim.saiUrl, user: sim.credentials.sai.user, windowDays: 31 },
    prei: {
      enabled: true,
      url: sim.preiUrl,
      user: sim.credentials.prei.user,
      supplierNumber: sim.credentials.prei.supplierNumber,
      windowDays: 31,
    },
    pacingMs: 0,
    maxRequestsPerMinute: 100_000,
    backfillFrom: '2025-01-01',
    browserPath: CHROMIUM,
    ...settings,
  };
  const events: ProgressEvent[] = [];
  const solver = captchaSolver(sim);
  let runs = 0;
  return {
    dataDir,
    vault,
    redactor,
    logger,
    logLines,
    landing,
    settings: fullSettings,
    events,
    run(overrides = {}) {
      runs += 1;
      const runId = `run${runs}`;
      return extract({
        settings: fullSettings,
        vault,
        redactor,
        logger,
        landing,
        runId,
        runFolder: join(dataDir, 'runs', runId),
        windowsStateFile: join(dataDir, 'portals', 'windows.json'),
        today: sim.asOf,
        onProgress: (event) => events.push(event),
        onCaptcha: solver.solve,
        captchaTimeoutMs: 10_000,
        tuning: {
          attempts: 3,
          retryBaseMs: 20,
          retryMaxMs: 100,
          actionTimeoutMs: 10_000,
          exportTimeoutMs: 5_000,
          canShowWindow: false,
        },
        ...overrides,
      });
    },
  };
}

export const report = (result: ExtractionResult, source: ReportResult['source']): ReportResult => {
  const found = result.reports.find((r) => r.source === source);
  if (!found) throw new Error(`no ${source} in the result`);
  return found;
};

/** Rows the portals hold for [from, to] as the simulator shows them (SAI exports repeat some altas). */
export function expectedRows(sim: Simulator, from: string, to: string) {
  const view = sim.view();
  const altas = view.altas(dayFromIso(from), dayFromIso(to));
  return {
    sai_altas: altas.length + altas.filter((a) => a.duplicatedInExport).length,
    sai_orders: view.orders(dayFromIso(from), dayFromIso(to)).length,
    prei: view.preiRows(dayFromIso(from), dayFromIso(to)).length,
  };
}

export const landedRows = (r: ReportResult): number =>
  r.landed.filter((l) => !l.quarantined).reduce((sum, l) => sum + l.rows, 0);
