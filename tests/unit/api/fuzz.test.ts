import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, createApi } from '../../../src/main/api/dispatcher';
import { type App, createApp } from '../../../src/main/app/create-app';
import { build } from '../../../src/main/models/build';
import { type RunningServer, startServer } from '../../../src/main/server/http-server';
import { ensureRawSchema } from '../../../src/main/warehouse/duckdb/loader';
import { type ApiResponse, apiMethods } from '../../../src/shared/api';
import { API_METHODS, type ApiMethod, isApiMethod } from '../../../src/shared/api-names';
import { apiCall, rawRequest } from '../server/raw-http';

/**
 * Seeded random payloads against every API method, through the dispatcher the faces share and,
 * for a sample, through browser mode's HTTP bridge: each call answers a typed refusal or a value
 * that meets the contract, never throws, never touches Object.prototype, and the app keeps working.
 */

/** mulberry32: a small seeded generator, so a failing payload can be replayed from its seed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];
const STRINGS = [
  '',
  ' ',
  'app.info',
  '0000412837',
  "'; DROP TABLE raw.cfdi_invoices; --",
  '{{ 7*7 }}',
  '../../etc/passwd',
  '\u0000\uFFFF\uD800',
  'ñÁ€😀',
  '2025-02-30',
  'NaN',
];
const NUMBERS = [
  0,
  -0,
  -1,
  1,
  2 ** 31,
  2 ** 53 + 1,
  -1e308,
  1e308,
  0.1,
  Number.NaN,
  Number.POSITIVE_INFINITY,
];

/** A JSON-shaped object holding `key` as an own property, as JSON.parse builds it (even "__proto__"). */
function withOwnKey(key: string, value: unknown): Record<string, unknown> {
  const object = JSON.parse(`{${JSON.stringify(key)}: null}`) as Record<string, unknown>;
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  return object;
}

/** Nesting far deeper than any schema: `{ a: { a: ... } }` or `[[[...]]]`. */
function deeplyNested(depth: number, asArray: boolean): unknown {
  let value: unknown = 'bottom';
  for (let level = 0; level < depth; level += 1) value = asArray ? [value] : { a: value };
  return value;
}

function randomValue(random: Random, depth = 0): unknown {
  const roll = random();
  if (roll < 0.08) return pick(random, [null, undefined, true, false]);
  if (roll < 0.2) return pick(random, NUMBERS);
  if (roll < 0.35) return pick(random, STRINGS);
  if (roll < 0.4) return 'x'.repeat(pick(random, [4097, 70_000, 300_000]));
  if (roll < 0.45) return deeplyNested(pick(random, [50, 1_000]), random() < 0.5);
  if (depth > 3) return pick(random, STRINGS);
  if (roll < 0.6)
    return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(random, depth + 1));
  const object: Record<string, unknown> = {};
  for (let i = Math.floor(random() * 4); i > 0; i -= 1)
    Object.assign(object, withOwnKey(randomKey(random), randomValue(random, depth + 1)));
  return object;
}

function randomKey(random: Random): string {
  return random() < 0.3
    ? pick(random, HOSTILE_KEYS)
    : pick(random, ['view', 'name', 'changes', 'x', 'limit']);
}

/** One valid input per method: the fuzzer mutates these so it reaches past the first check too. */
const VALID: Record<ApiMethod, Record<string, unknown>> = {
  'app.info': {},
  'status.get': {},
  'settings.get': {},
  'settings.update': { changes: { locale: 'en' } },
  'grid.columns': { view: 'reconciliation' },
  'grid.rows': { view: 'receivables', startRow: 0, endRow: 50, quickSearch: 'IMSS' },
  'recon.detail': { noAlta: '012345-000001' },
  'decisions.record': { action: 'note', items: [{ noAlta: '012345-000001' }], note: 'fuzz' },
  'models.rebuild': {},
  'export.view': { view: 'aging', columns: ['bucket', 'lifecycle_status'] },
  'export.workbook': {},
  'overview.tiles': {},
  'overview.charts': {},
  'dashboards.list': {},
  'export.saveAs': { downloadId: 'no-such-download' },
  'sync.run': { sources: ['prei'], from: '2025-01-01', to: '2025-01-31' },
  'sync.current': {},
  'runs.list': { limit: 5 },
  'files.landed': {},
  'files.staged': {},
  'credentials.status': {},
  'credentials.set': { name: 'prei', secret: 'fuzz-secret' },
  'credentials.clear': { name: 'prei' },
  'settings.test': { target: 'warehouse' },
};

/** A payload: a random value, the valid input, or the valid input with one field replaced or added. */
function randomInput(random: Random, method: ApiMethod): unknown {
  const roll = random();
  if (roll < 0.3) return randomValue(random);
  const input: Record<string, unknown> = structuredClone(VALID[method]);
  if (roll < 0.4) return input;
  const fields = Object.keys(input);
  if (roll < 0.75 && fields.length) {
    input[pick(random, fields)] = randomValue(random);
    return input;
  }
  return { ...input, ...withOwnKey(randomKey(random), randomValue(random)) };
}

const REFUSALS = new Set(['invalid_input', 'unknown_method']);

/** No export exists in the fuzzed app, so every call of this method is a refusal (an expired download). */
const ALWAYS_REFUSED_HERE = 'export.saveAs';

/** A printable name for any fuzzed method value (String() throws on some objects). */
const nameOf = (method: unknown): string => (typeof method === 'string' ? method : `a ${typeof method}`);

/** The contract: a typed refusal, or a value meeting the method's output schema. */
function checkResponse(method: unknown, response: ApiResponse): string | undefined {
  if (!response.ok) {
    const allowed =
      REFUSALS.has(response.error.code) ||
      (method === 'settings.update' && response.error.code === 'invalid_settings');
    if (!allowed) return `${nameOf(method)} answered ${response.error.code}: ${response.error.message}`;
    if (JSON.stringify(response).length > 20_000) return `${nameOf(method)} echoed a large payload back`;
    return undefined;
  }
  const schema = apiMethods[method as ApiMethod]?.output;
  if (!schema?.safeParse(response.value).success) return `${nameOf(method)} answered outside its contract`;
  return undefined;
}

const quiet = () => new Writable({ write: (_chunk, _encoding, done) => done() });

const POLLUTION_PROBES = ['polluted', 'isAdmin', 'a', 'x', 'view', 'name'];
function prototypeIsClean(): boolean {
  const probe: Record<string, unknown> = {};
  return (
    Object.getOwnPropertyNames(Object.prototype).length === prototypeNames.length &&
    POLLUTION_PROBES.every((key) => probe[key] === undefined) &&
    Object.prototype.toString === originalToString
  );
}
const prototypeNames = Object.getOwnPropertyNames(Object.prototype);
const originalToString = Object.prototype.toString;

describe('API payload fuzzing (seeded)', () => {
  let dataDir: string;
  let app: App;
  let api: Api;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'puente-fuzz-'));
    app = createApp({ dataDir, env: { PUENTE_VAULT_KEY: 'fuzz' }, logOut: quiet() });
    api = createApi(app, 'browser');
    // Raw tables and marts exist (empty), as after a first sync, so valid calls have something to read.
    const session = await app.warehouse();
    await ensureRawSchema(session);
    const built = await build(session, { vars: app.settings().models });
    expect(built.models.length).toBeGreaterThan(10);
  }, 120_000);

  afterAll(async () => {
    api?.close();
    await api?.sync.runner.whenIdle();
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('every method, 100 random payloads each: a typed refusal or a valid value, never a throw', async () => {
    const problems: string[] = [];
    const answered = new Set<ApiMethod>();
    for (const [index, method] of API_METHODS.entries()) {
      const seed = 20_251_129 + index;
      const random = seeded(seed);
      for (let call = 0; call < 100; call += 1) {
        const input = randomInput(random, method);
        try {
          const response = await api.call(method, input);
          if (response.ok) answered.add(method);
          const problem = checkResponse(method, response);
          if (problem) problems.push(`seed ${seed} call ${call}: ${problem}`);
        } catch (error) {
          problems.push(`seed ${seed} call ${call}: ${method} threw ${(error as Error).message}`);
        }
        await api.sync.runner.whenIdle();
      }
    }
    expect(problems).toEqual([]);
    expect(prototypeIsClean()).toBe(true);
    // The payloads reach past validation into the handlers, not only into the refusals.
    expect(API_METHODS.filter((method) => !answered.has(method))).toEqual([ALWAYS_REFUSED_HERE]);
  }, 120_000);

  it('unknown and hostile method names are refused as unknown_method', async () => {
    const random = seeded(7);
    const names: unknown[] = [
      '__proto__',
      'constructor',
      'toString',
      'app.info ',
      'APP.INFO',
      'app.info\u0000',
      { toString: () => 'app.info' },
      ...Array.from({ length: 30 }, () => randomValue(random)).filter((name) => !isApiMethod(name)),
    ];
    for (const name of names) {
      const response = await api.call(name, {});
      expect(response, typeof name).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    }
  });

  // Electron's IPC can carry any of these; the refusal must name them without JSON.stringify.
  it('a method name JSON cannot write (BigInt, circular, 20 000 levels deep) is refused, not thrown', async () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    for (const name of [10n, circular, deeplyNested(20_000, true)]) {
      const response = await api.call(name, {});
      expect(response).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    }
  });

  it('export.saveAs of an unknown or expired download answers invalid_input, not internal', async () => {
    const response = await api.call('export.saveAs', { downloadId: 'no-such-download' });
    expect(response).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'That export has expired: export it again.' },
    });
  });

  it('inputs far deeper than any schema are refused without recursing into them', async () => {
    for (const asArray of [true, false]) {
      const deep = deeplyNested(100_000, asArray);
      for (const [method, input] of [
        ['settings.update', { changes: { locale: deep } }],
        ['grid.rows', { ...VALID['grid.rows'], filters: deep }],
        ['decisions.record', { ...VALID['decisions.record'], items: deep }],
        ['runs.list', deep],
      ] as const)
        expect(checkResponse(method, await api.call(method, input)), method).toBeUndefined();
    }
  });

  it('prototype-pollution payloads leave Object.prototype and the settings untouched', async () => {
    const attacks = [
      JSON.parse('{"changes": {"__proto__": {"polluted": true}}}'),
      JSON.parse('{"changes": {"constructor": {"prototype": {"polluted": true}}}}'),
      JSON.parse('{"__proto__": {"polluted": true}, "changes": {"locale": "en"}}'),
      JSON.parse('{"view": "aging", "columns": ["bucket"], "filters": {"__proto__": {"isAdmin": true}}}'),
    ];
    for (const attack of attacks)
      for (const method of ['settings.update', 'export.view', 'grid.rows'] as const)
        expect(checkResponse(method, await api.call(method, attack))).toBeUndefined();
    expect(prototypeIsClean()).toBe(true);
    expect(Object.keys(app.settings())).not.toContain('__proto__');
    expect((app.settings() as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('the app stays healthy after the fuzzing: it answers, and its data dir still works', async () => {
    expect(await api.call('app.info', {})).toMatchObject({ ok: true, value: { name: 'Puente' } });
    expect(await api.call('status.get', {})).toMatchObject({ ok: true });
    const rows = await api.call('grid.rows', VALID['grid.rows']);
    expect(rows).toMatchObject({ ok: true, value: { rows: [], lastRow: 0 } });
  });

  describe('through the HTTP bridge', () => {
    let server: RunningServer;
    let rendererDir: string;

    beforeAll(async () => {
      rendererDir = mkdtempSync(join(tmpdir(), 'puente-fuzz-renderer-'));
      mkdirSync(rendererDir, { recursive: true });
      writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Puente</title>');
      server = await startServer(app, { port: 0, rendererDir });
    });

    afterAll(async () => {
      await server?.close();
      rmSync(rendererDir, { recursive: true, force: true });
    });

    it('a sample of random payloads with the token: status codes match the typed answers', async () => {
      const random = seeded(42);
      const expectedStatus: Record<string, number> = {
        invalid_input: 400,
        unknown_method: 404,
        invalid_settings: 422,
        internal: 500,
      };
      for (let call = 0; call < 60; call += 1) {
        const method = random() < 0.1 ? randomValue(random) : pick(random, API_METHODS);
        const input = typeof method === 'string' ? randomInput(random, method as ApiMethod) : {};
        const response = await apiCall(server.port, { method, input }, { 'x-puente-token': server.token });
        const body = JSON.parse(response.body) as ApiResponse;
        const label = `call ${call}: ${nameOf(method)}`;
        if (typeof method !== 'string') {
          expect([response.status, body.ok], label).toEqual([400, false]);
          continue;
        }
        expect(checkResponse(method, body), label).toBeUndefined();
        expect(response.status, label).toBe(body.ok ? 200 : expectedStatus[body.error.code]);
        await api.sync.runner.whenIdle();
      }
      expect(prototypeIsClean()).toBe(true);
    }, 60_000);

    it('without the token (or with a wrong one) nothing runs: 401, and the vault is not written', async () => {
      const random = seeded(43);
      await api.call('credentials.clear', { name: 'prei' });
      const attempts: Array<Record<string, string>> = [
        {},
        { 'x-puente-token': 'x'.repeat(43) },
        { 'x-puente-token': '' },
      ];
      for (const headers of attempts) {
        for (let call = 0; call < 8; call += 1) {
          const method = pick(random, API_METHODS);
          const response = await apiCall(server.port, { method, input: VALID[method] }, headers);
          expect(response.status, method).toBe(401);
          expect(response.body).not.toContain('"ok":true');
        }
        const store = await apiCall(
          server.port,
          { method: 'credentials.set', input: VALID['credentials.set'] },
          headers,
        );
        expect(store.status).toBe(401);
      }
      expect(await api.call('credentials.status', {})).toMatchObject({ ok: true, value: { prei: false } });
    });

    it('malformed bodies are refused before the dispatcher: not JSON, wrong type, too large', async () => {
      const auth = { 'x-puente-token': server.token };
      const send = (body: string, contentType = 'application/json') =>
        rawRequest(server.port, {
          method: 'POST',
          path: '/api/call',
          headers: { ...auth, 'content-type': contentType },
          body,
        });
      expect((await send('{"method": "app.info", "input": ')).status).toBe(400);
      expect((await send('{"method":"app.info","input":{}}', 'text/plain')).status).toBe(415);
      expect((await send(JSON.stringify({ method: 'app.info', input: 'x'.repeat(1_100_000) }))).status).toBe(
        413,
      );
      expect((await send(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)).status).toBe(400);
      const deepInput = `{"method":"settings.update","input":{"changes":{"locale":${'['.repeat(100_000)}${']'.repeat(100_000)}}}}`;
      expect((await send(deepInput)).status).toBe(422);
      expect((await send('[]')).status).toBe(400);
      const still = await apiCall(server.port, { method: 'app.info', input: {} }, auth);
      expect([still.status, JSON.parse(still.body).ok]).toEqual([200, true]);
    });
  });
});

describe('a valid call on a data dir that never synced', () => {
  // The fast rebuild after decisions needs a first full build; before it, a clear refusal, not SQL.
  it('models.rebuild and recon.detail answer a clear refusal, not an internal SQL error', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'puente-fuzz-fresh-'));
    const app = createApp({ dataDir, env: { PUENTE_VAULT_KEY: 'fuzz' }, logOut: quiet() });
    const api = createApi(app, 'browser');
    try {
      for (const [method, input] of [
        ['models.rebuild', {}],
        ['recon.detail', { noAlta: '048001-107501' }],
      ] as const) {
        const response = await api.call(method, input);
        expect(response, method).toMatchObject({
          ok: false,
          error: { code: 'invalid_input', message: expect.stringMatching(/run a sync/) },
        });
      }
    } finally {
      api.close();
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
