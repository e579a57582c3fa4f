import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../../src/main/app/create-app';
import { exportReconciliationWorkbook } from '../../../src/main/export/reconciliation-workbook';
import { portalExtractStep } from '../../../src/main/jobs/portal-extract';
import { runSync } from '../../../src/main/jobs/sync';
import { vaultKeys } from '../../../src/main/secrets/vault';
import type { ProgressEvent } from '../../../src/shared/progress';
import type { RunSummary } from '../../../src/shared/status';
import { configureDemo, type Simulator, solveCaptchaAsPerson, startSimulator } from '../../sim/index';
import { type Artefact, fileArtefacts, warehouseArtefacts } from './artefacts';
import { secretForms } from './secret-forms';

/**
 * A whole sync against the simulated portals, as the demo wires it, with one portal failing (PREI
 * serves an HTML error page as its .xls) so that failure evidence (screenshot, HTML, redacted trace)
 * is written. Then every artefact is searched for the portal passwords and session cookies, in every
 * form they could take: none may be found.
 */

const CHROMIUM = '/usr/bin/chromium';
let sim: Simulator;
let app: App;
let dataDir: string;
let run: RunSummary;
const logLines: string[] = [];
const events: ProgressEvent[] = [];
let secrets: Array<{ label: string; value: string }> = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  sim = await startSimulator({
    world: { seed: 11, startDate: '2025-01-01', endDate: '2025-12-31', altasPerYear: 400 },
    asOf: '2025-02-28',
    testMode: true,
    faults: { sai: { exportDelayMs: 50 }, prei: { ajaxDelayMs: 20, htmlInsteadOfFile: true } },
  });
  dataDir = mkdtempSync(join(tmpdir(), 'puente-secrets-'));
  app = createApp({
    dataDir,
    env: { PUENTE_VAULT_KEY: 'a vault key for this test only' },
    json: true,
    logLevel: 'debug',
    logOut: new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    }),
  });
  await configureDemo(app, sim);
  const settings = app.settings();
  app.updateSettings({ ...settings, portals: { ...settings.portals, browserPath: CHROMIUM } });
  run = await runSync(app, {
    today: sim.asOf,
    onProgress: (event) => events.push(event),
    extract: portalExtractStep({
      tuning: { canShowWindow: false, attempts: 1, retryBaseMs: 10, retryMaxMs: 20, exportTimeoutMs: 5_000 },
      onCaptcha: (request) => solveCaptchaAsPerson(sim, request.page),
    }),
  });
  const cookies = [];
  for (const portal of ['sai', 'prei'] as const) {
    const stored = await app.vault.get(vaultKeys.session(portal));
    const state = stored
      ? (JSON.parse(stored) as { cookies: Array<{ name: string; value: string }> })
      : undefined;
    for (const cookie of state?.cookies ?? [])
      cookies.push({ label: `${portal} cookie ${cookie.name}`, value: cookie.value });
  }
  secrets = [
    { label: 'SAI password', value: sim.credentials.sai.password },
    { label: 'PREI password', value: sim.credentials.prei.password },
    ...cookies,
  ];
  const session = await app.warehouse();
  mkdirSync(join(dataDir, 'exports'), { recursive: true });
  await exportReconciliationWorkbook(session, join(dataDir, 'exports', 'reconciliation.xlsx'));
}, 240_000);

afterAll(async () => {
  await app?.close();
  await sim?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const parquetFiles = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.parquet'))
    .map((entry) => join(entry.parentPath, entry.name));

describe('secret hygiene over a whole sync with a failed portal', () => {
  it('ran the whole pipeline: portal files landed, one portal failed with evidence, models built', () => {
    expect(run.state).toBe('failed');
    expect(run.error).toMatch(/prei/);
    const steps = Object.fromEntries(run.steps.map((step) => [step.step, step.state]));
    expect(steps).toMatchObject({ extract: 'done', stage: 'done', ingest: 'done', build: 'done' });
    expect(run.steps[0]?.detail).toMatch(/^[1-9]\d* new portal files/);
    const evidence = readdirSync(join(app.dataDir.runs, run.runId), { recursive: true }).map(String);
    expect(evidence.some((name) => name.endsWith('.trace.zip'))).toBe(true);
    expect(evidence.some((name) => name.endsWith('.html'))).toBe(true);
    expect(evidence.some((name) => name.endsWith('.png'))).toBe(true);
    expect(existsSync(join(dataDir, 'exports', 'reconciliation.xlsx'))).toBe(true);
  });

  it('knows the secrets it looks for: both passwords and the SAI session cookie', () => {
    expect(secrets.map((s) => s.label)).toEqual(
      expect.arrayContaining(['SAI password', 'PREI password', 'sai cookie SAI_SESSION']),
    );
    for (const secret of secrets) expect(secret.value.length, secret.label).toBeGreaterThanOrEqual(8);
  });

  it('finds no secret in any file, archive entry, table, staged Parquet, log line or progress event', async () => {
    const session = await app.warehouse();
    const artefacts: Artefact[] = [
      ...(await fileArtefacts(dataDir, (path) => path.endsWith('vault.enc'))),
      ...(await warehouseArtefacts(session, parquetFiles(app.dataDir.stage))),
      { name: 'log', text: logLines.join('') },
      { name: 'progress events', text: JSON.stringify(events) },
      { name: 'run summary', text: JSON.stringify(run) },
    ];
    const names = artefacts.map((a) => a.name);
    for (const expected of [
      /^settings\.json$/,
      /^runs\/.*\.json$/,
      /^staged\.jsonl$/,
      /^landing\/manifest\.jsonl$/,
      /\.trace\.zip!/,
      /^exports\/reconciliation\.xlsx!xl\//,
      /^duckdb raw\.sai_altas$/,
      /^parquet /,
      /^warehouse\.duckdb$/,
    ]) {
      expect(
        names.some((name) => expected.test(name)),
        String(expected),
      ).toBe(true);
    }
    const leaks: string[] = [];
    for (const { label, value } of secrets) {
      for (const form of secretForms(value)) {
        for (const artefact of artefacts)
          if (artefact.text.includes(form)) leaks.push(`${label} (as "${form}") in ${artefact.name}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('the search sees a secret in any form it can take (control)', () => {
    const secret = sim.credentials.prei.password;
    const wrapped = (prefix: string) => Buffer.from(`${prefix}password=${secret}&next=1`).toString('base64');
    const shapes = [
      `Cookie: x=${encodeURIComponent(secret)}`,
      `user=a&password=${new URLSearchParams({ s: secret }).toString().slice(2)}`,
      wrapped(''),
      wrapped('a'),
      wrapped('ab'),
      wrapped('ab').replace(/\+/g, '-').replace(/\//g, '_'),
    ];
    for (const shape of shapes)
      expect(
        secretForms(secret).some((form) => shape.includes(form)),
        shape,
      ).toBe(true);
    const settings = readFileSync(join(dataDir, 'settings.json'), 'utf8');
    expect(settings).toContain(sim.credentials.sai.user);
  });

  it('keeps the vault encrypted: no secret in clear in vault.enc', () => {
    const vault = readFileSync(join(dataDir, 'vault.enc'));
    const text = `${vault.toString('latin1')}\n${vault.toString('utf16le')}`;
    for (const { label, value } of secrets) {
      for (const form of secretForms(value)) expect(text.includes(form), label).toBe(false);
    }
    expect(text).not.toContain('portal:sai:password');
  });
});
