import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { cfdiXml } from './files/cfdi-xml';
import { paqWorkbook } from './files/paq-workbook';
import { preiWorkbook } from './files/prei-export';
import { altasWorkbook, ordersWorkbook } from './files/sai-export';
import { answerKey } from './world/answer-key';
import { worldAsOf } from './world/as-of';
import { PREI_STATES } from './world/catalog';
import { dayFromIso } from './world/days';
import { generateWorld } from './world/generate';

const sha = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');
const SMALL = { seed: 7, startDate: '2024-01-01', endDate: '2024-12-31', altasPerYear: 1500 };

function fingerprint(seed: number): string {
  const world = generateWorld({ ...SMALL, seed });
  const view = worldAsOf(world, '2024-10-15');
  const [from, to] = [dayFromIso('2024-03-01'), dayFromIso('2024-03-31')];
  return [
    sha(JSON.stringify(answerKey(world, '2024-10-15'))),
    sha(altasWorkbook(view, from, to)),
    sha(ordersWorkbook(view, from, to)),
    sha(preiWorkbook(view, from, to)),
    sha(paqWorkbook(view)),
    sha(
      world.invoices
        .slice(0, 50)
        .map((i) => cfdiXml(world, i))
        .join(''),
    ),
  ].join(',');
}

describe('the world', () => {
  test('the same seed gives the same bytes; another seed gives other bytes', () => {
    const first = fingerprint(7);
    expect(fingerprint(7)).toBe(first);
    const other = fingerprint(8).split(',');
    first.split(',').forEach((hash, i) => {
      expect(other[i]).not.toBe(hash);
    });
  });

  test('has the published shape: about altasPerYear altas, one invoice per alta mostly, PREI lags', () => {
    const world = generateWorld(SMALL);
    expect(world.altas.length).toBeGreaterThan(1300);
    expect(world.altas.length).toBeLessThan(1700);
    const key = answerKey(world, '2025-06-30');
    const invoiced = key.altas.filter((a) => a.invoiceUuid !== null).length;
    expect(invoiced / key.altas.length).toBeGreaterThan(0.95);
    expect(key.altas.some((a) => a.status === 'Por facturar')).toBe(true);
    expect(key.altas.some((a) => a.status === 'No en PREI')).toBe(true);
    expect(key.altas.some((a) => a.cancelledUuids.length > 0)).toBe(true);
    for (const upload of world.uploads.filter((u) => !u.duplicate)) {
      const lag = upload.day - (world.invoices[upload.invoice]?.day ?? 0);
      expect(lag).toBeGreaterThanOrEqual(7);
      expect(lag).toBeLessThanOrEqual(35 + 6);
    }
    expect(world.uploads.some((u) => u.events.some((e) => e.state === 'Rechazado'))).toBe(true);
    expect(world.paq.some((row) => row.folio.endsWith(' ') || !row.folio.includes('-'))).toBe(true);
    // 2024 is the CFDI 4.0 era; a few 3.3 remain from a stale template.
    const old = world.invoices.filter((i) => i.version === '3.3').length;
    expect(old).toBeGreaterThan(0);
    expect(old / world.invoices.length).toBeLessThan(0.1);
  });

  test('alta ids, amounts and dates follow the real formats', () => {
    const world = generateWorld(SMALL);
    const key = answerKey(world, '2024-12-31');
    for (const alta of key.altas) {
      expect(alta.noAlta).toMatch(/^(0[1-9]|[1-3]\d)(8001|8002|8003|8004|8005|1901|1001|1101)-\d{6}$/);
      expect(alta.orden).toMatch(/^\d{8}$/);
      expect(alta.importe).toMatch(/^\d+\.\d{2}$/);
      expect(alta.fechaAlta).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(new Set(key.altas.map((a) => a.noAlta)).size).toBe(key.altas.length);
    for (const invoice of key.invoices) expect(invoice.uuid).toBe(invoice.uuid.toUpperCase());
  });

  test('time travel: moving the day forward moves statuses along the real cycle, never back to unknown', () => {
    const world = generateWorld(SMALL);
    const rank = (s: string) => ['Por facturar', 'No en PREI', ...PREI_STATES].indexOf(s);
    const before = new Map(answerKey(world, '2024-09-01').altas.map((a) => [a.noAlta, a.status]));
    const after = answerKey(world, '2024-10-01').altas;
    let moved = 0;
    for (const alta of after) {
      const was = before.get(alta.noAlta);
      if (was === undefined) continue;
      expect(rank(alta.status)).toBeGreaterThanOrEqual(0);
      if (was !== alta.status) moved++;
      if (was === 'Pagado') expect(alta.status).toBe('Pagado');
    }
    expect(moved).toBeGreaterThan(50);
    expect(after.length).toBeGreaterThan(before.size);
    // Withdrawn contrarecibos: some upload goes En proceso -> Sin Contra Recibo with blank CR.
    const withdrawn = world.uploads.find((u) =>
      u.events.some(
        (e, i) => e.state === 'Sin Contra Recibo' && i > 0 && u.events[i - 1]?.state === 'En proceso',
      ),
    );
    expect(withdrawn).toBeDefined();
  });

  test('contrarecibos group several invoices of one paying unit', () => {
    const world = generateWorld(SMALL);
    const members = new Map<string, Set<string>>();
    for (const upload of world.uploads) {
      for (const e of upload.events) {
        if (!e.contraRecibo) continue;
        expect(e.contraRecibo).toMatch(/^\d{8}$/);
        expect(e.unidadNegocio).toMatch(/^\d{5}$/);
        const units = members.get(e.contraRecibo) ?? new Set();
        units.add(e.unidadNegocio ?? '');
        members.set(e.contraRecibo, units);
      }
    }
    for (const units of members.values()) expect(units.size).toBe(1);
    const sizes = new Map<string, number>();
    for (const u of world.uploads) {
      const cr = u.events.find((e) => e.state === 'En proceso')?.contraRecibo;
      if (cr) sizes.set(cr, (sizes.get(cr) ?? 0) + 1);
    }
    expect(Math.max(...sizes.values())).toBeGreaterThan(1);
  });

  test('scale knob: 100k altas a year generates in seconds', () => {
    const started = Date.now();
    const world = generateWorld({
      seed: 3,
      startDate: '2024-01-01',
      endDate: '2024-12-31',
      altasPerYear: 100_000,
    });
    expect(world.altas.length).toBeGreaterThan(90_000);
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});
