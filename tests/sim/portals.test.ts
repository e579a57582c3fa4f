import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { type Simulator, startSimulator } from './index';
import { healthyFaults } from './portals/faults';
import { NO_RESULTS_MESSAGE, TOO_MANY_MESSAGE } from './portals/prei';
import {
  downloadName,
  PortalClient,
  preiLogin,
  preiSearch,
  saiCaptchaId,
  saiExport,
  saiLogin,
} from './test-support';

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({
    world: { seed: 21, startDate: '2024-01-01', endDate: '2024-12-31', altasPerYear: 3000 },
    asOf: '2024-11-30',
    faults: { sai: { exportDelayMs: 50 }, prei: { ajaxDelayMs: 0 } },
    testMode: true,
  });
});
afterAll(() => sim.close());
beforeEach(() => {
  Object.assign(sim.faults.sai, healthyFaults({ exportDelayMs: 50 }));
  Object.assign(sim.faults.prei, healthyFaults({ ajaxDelayMs: 0 }));
  sim.testHooks.unlock();
  sim.setAsOf('2024-11-30');
});

async function loggedInSai(): Promise<PortalClient> {
  const client = new PortalClient(sim.saiUrl);
  expect((await saiLogin(sim, client)).status).toBe(200);
  return client;
}

async function loggedInPrei(): Promise<PortalClient> {
  const client = new PortalClient(sim.preiUrl);
  expect((await preiLogin(sim, client)).headers.get('location')).toBe('/PREI/inicio.jsf');
  return client;
}

describe('SAI over HTTP', () => {
  test('login needs the captcha: without it the right password is refused', async () => {
    const client = new PortalClient(sim.saiUrl);
    const captchaId = await saiCaptchaId(client);
    const res = await client.postJson('/api/login', {
      ...sim.credentials.sai,
      usuario: sim.credentials.sai.user,
      captchaId,
    });
    expect(res.status).toBe(400);
    expect((await client.request('/app/altas')).status).toBe(200); // the login page again
    expect(await (await client.request('/api/altas?desde=01/03/2024&hasta=31/03/2024')).json()).toEqual({
      error: 'Sesión expirada',
    });
  });

  test('the answer key agrees with the altas export, row for row', async () => {
    const client = await loggedInSai();
    const res = await saiExport(client, 'altas', '01/01/2024', '30/11/2024');
    expect(downloadName(res)).toMatch(/^altas_export_\d{13}\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
    const sheet = book.getWorksheet('data') as ExcelJS.Worksheet;
    const served = new Map<string, { orden: string; importe: number; clave: string }>();
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      served.set(String(row.getCell(1).value), {
        orden: String(row.getCell(4).value),
        importe: Math.round((row.getCell(7).value as number) * 100),
        clave: String(row.getCell(5).value),
      });
    });
    const key = sim.answerKey();
    expect(served.size).toBe(key.altas.length);
    for (const alta of key.altas) {
      const row = served.get(alta.noAlta);
      expect(row?.orden).toBe(alta.orden);
      expect(row?.clave).toBe(alta.clave);
      expect(row?.importe).toBe(Math.round(Number(alta.importe) * 100));
    }
    expect(sheet.rowCount - 1).toBeGreaterThanOrEqual(served.size); // duplicated rows on top
  });

  test('orders query counts what the export holds; statuses match the answer key', async () => {
    const client = await loggedInSai();
    const query = (await (await client.request('/api/ordenes?desde=01/06/2024&hasta=30/06/2024')).json()) as {
      total: number;
    };
    const res = await saiExport(client, 'ordenes', '01/06/2024', '30/06/2024');
    expect(downloadName(res)).toMatch(/^ordenes_export_\d{13}\.xlsx$/);
    const book = XLSX.read(Buffer.from(await res.arrayBuffer()));
    const rows = XLSX.utils.sheet_to_json<Record<string, string>>(book.Sheets.data as XLSX.WorkSheet);
    expect(rows.length).toBe(query.total);
    const truth = new Map(sim.answerKey().orders.map((o) => [o.orden, o.estatus]));
    for (const row of rows) expect(row.estatus).toBe(truth.get(row.orden as string));
  });

  test('lockout after N wrong passwords: then even the right one is refused until unlocked', async () => {
    sim.faults.sai.lockoutAfter = 3;
    const client = new PortalClient(sim.saiUrl);
    for (let i = 0; i < 2; i++) expect((await saiLogin(sim, client, 'wrong')).status).toBe(401);
    expect((await saiLogin(sim, client, 'wrong')).status).toBe(423);
    expect((await saiLogin(sim, client)).status).toBe(423);
    sim.testHooks.unlock('sai');
    expect((await saiLogin(sim, client)).status).toBe(200);
  });

  test('faults: session expiry mid-run, export that never re-enables, truncated and HTML files', async () => {
    const client = await loggedInSai();
    sim.faults.sai.exportNeverReady = true;
    const started = await client.postJson('/api/altas/export', { desde: '01/03/2024', hasta: '31/03/2024' });
    const { job } = (await started.json()) as { job: string };
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await (await client.request(`/api/export/${job}`)).json()).toEqual({ ready: false });
    sim.faults.sai.exportNeverReady = false;

    const whole = Buffer.from(
      await (await saiExport(client, 'altas', '01/03/2024', '31/03/2024')).arrayBuffer(),
    );
    sim.faults.sai.truncateFile = true;
    const cut = Buffer.from(
      await (await saiExport(client, 'altas', '01/03/2024', '31/03/2024')).arrayBuffer(),
    );
    expect(cut.length).toBe(Math.floor(whole.length / 2));
    sim.faults.sai.truncateFile = false;
    sim.faults.sai.htmlInsteadOfFile = true;
    const html = await saiExport(client, 'altas', '01/03/2024', '31/03/2024');
    expect(downloadName(html)).toMatch(/\.xlsx$/);
    expect(await html.text()).toContain('<html');
    sim.faults.sai.htmlInsteadOfFile = false;

    sim.testHooks.expireSessions('sai');
    expect((await client.request('/api/altas?desde=01/03/2024&hasta=31/03/2024')).status).toBe(401);
  });

  test('faults: HTTP 500 on the Nth request, maintenance page, slow pages; counters count', async () => {
    const client = new PortalClient(sim.saiUrl);
    sim.faults.sai.fail500OnRequest = sim.counters.sai.requests + 2;
    expect((await client.request('/login')).status).toBe(200);
    expect((await client.request('/login')).status).toBe(500);
    expect((await client.request('/login')).status).toBe(200);
    sim.faults.sai.maintenance = true;
    const down = await client.request('/login');
    expect(down.status).toBe(503);
    expect(await down.text()).toContain('mantenimiento');
    sim.faults.sai.maintenance = false;
    sim.faults.sai.latencyMs = 150;
    const started = Date.now();
    await client.request('/login');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  test("another supplier's account sees none of our records", async () => {
    const client = new PortalClient(sim.saiUrl);
    const captchaId = await saiCaptchaId(client);
    await client.postJson('/captcha/verify', {
      id: captchaId,
      respuesta: sim.testHooks.captchaAnswer(captchaId),
    });
    const login = await client.postJson('/api/login', {
      usuario: 'otro.proveedor',
      password: 'Otro-Demo-2025!',
      captchaId,
    });
    expect(login.status).toBe(200);
    const res = await client.request('/api/altas?desde=01/01/2024&hasta=30/11/2024');
    expect(((await res.json()) as { total: number }).total).toBe(0);
  });
});

describe('PREI over HTTP', () => {
  test('the three outcomes of Buscar, the cap at more than 100, filtered on Fecha Factura', async () => {
    const client = await loggedInPrei();
    const year = (await (await preiSearch(client, '01/01/2024', '30/11/2024')).json()) as {
      outcome: string;
      mensaje: string;
    };
    expect(year).toEqual({ outcome: 'too-many', mensaje: TOO_MANY_MESSAGE });
    expect(TOO_MANY_MESSAGE).toContain('Se encontraron más de 100 coincidencias');
    expect(await (await client.request('/PREI/pagos/exportar')).text()).toContain('Sin consulta');
    const sunday = (await (await preiSearch(client, '07/04/2024', '07/04/2024')).json()) as {
      outcome: string;
    };
    expect(sunday.outcome).toBe('none');
    expect(NO_RESULTS_MESSAGE).toBe('No se encontraron resultados.');
    const week = (await (await preiSearch(client, '04/03/2024', '08/03/2024')).json()) as {
      outcome: string;
      rows: string[][];
    };
    expect(week.outcome).toBe('rows');
    expect(week.rows.length).toBeGreaterThan(0);
    expect(week.rows.length).toBeLessThanOrEqual(100);
    for (const row of week.rows) expect(row[2]).toMatch(/^0[4-8]\/03\/2024 /);
  });

  test('the .xls download: bracketed name, BIFF8, and it agrees with the answer key', async () => {
    const client = await loggedInPrei();
    await preiSearch(client, '04/03/2024', '08/03/2024');
    const res = await client.request('/PREI/pagos/exportar');
    expect(downloadName(res)).toBe('[FacturaVsCR][0000412837][04-03-2024][08-03-2024].xls');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 8).toString('hex')).toBe('d0cf11e0a1b11ae1');
    const book = XLSX.read(bytes);
    expect(book.SheetNames).toEqual(['tblDocumentos']);
    const rows = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets.tblDocumentos as XLSX.WorkSheet, {
      header: 1,
      blankrows: true,
      defval: '',
    });
    const truth = new Map(sim.answerKey().prei.map((p) => [p.documento, p]));
    const data = rows.slice(8);
    expect(data.length).toBeGreaterThan(0);
    for (const row of data) {
      const t = truth.get(String(row[0]));
      expect(String(row[1]).toUpperCase()).toBe(t?.uuid);
      expect(row[7]).toBe(t?.estado);
    }
  });

  test('time travel: the same window shows later states after setAsOf', async () => {
    const client = await loggedInPrei();
    sim.setAsOf('2024-04-15');
    const early = (await (await preiSearch(client, '04/03/2024', '08/03/2024')).json()) as {
      rows: string[][];
    };
    sim.setAsOf('2024-09-30');
    const late = (await (await preiSearch(client, '04/03/2024', '08/03/2024')).json()) as {
      rows: string[][];
    };
    const lateState = new Map(late.rows.map((r) => [r[0], r[7]]));
    const changed = early.rows.filter((r) => lateState.get(r[0]) !== r[7]);
    expect(changed.length).toBeGreaterThan(0);
    expect(late.rows.length).toBeGreaterThanOrEqual(early.rows.length);
    expect(late.rows.filter((r) => r[7] === 'Pagado').length).toBeGreaterThan(
      early.rows.filter((r) => r[7] === 'Pagado').length,
    );
  });

  test('lockout after N wrong passwords, and HTML served as .xls', async () => {
    sim.faults.prei.lockoutAfter = 2;
    const client = new PortalClient(sim.preiUrl);
    expect(await (await preiLogin(sim, client, 'mala')).text()).toContain(
      'Usuario o contraseña incorrectos.',
    );
    expect(await (await preiLogin(sim, client, 'mala')).text()).toContain('bloqueada');
    expect(await (await preiLogin(sim, client)).text()).toContain('bloqueada');
    sim.testHooks.unlock('prei');
    const ok = await loggedInPrei();
    await preiSearch(ok, '04/03/2024', '08/03/2024');
    sim.faults.prei.htmlInsteadOfFile = true;
    const res = await ok.request('/PREI/pagos/exportar');
    expect(downloadName(res)).toMatch(/\.xls$/);
    expect((await res.text()).startsWith('<!doctype html>')).toBe(true);
  });
});
