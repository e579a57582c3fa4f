import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCfdiFolders } from '../../../src/main/ingest/cfdi-folders';
import type { CanonicalBatch } from '../../../src/main/ingest/datasets';
import { type ParseOutcome, type ParseRequest, parseRawBuffer } from '../../../src/main/ingest/parse';
import { LandingStore } from '../../../src/main/landing/store';
import { preiWorkbook } from '../../sim/files/prei-export';
import { altasWorkbook, ordersWorkbook } from '../../sim/files/sai-export';
import { generateWorld, worldAsOf, writeWorldFiles } from '../../sim/index';
import { dayFromIso } from '../../sim/world/days';

/** The readers against the files the simulated portals serve (a second, independent writer). */
const world = generateWorld({ startDate: '2025-01-01', endDate: '2025-06-30', altasPerYear: 400 });
const view = worldAsOf(world, '2025-06-30');
const [from, to] = [dayFromIso('2025-01-01'), dayFromIso('2025-06-30')];

function batchOf(buf: Buffer, request: Omit<ParseRequest, 'snapshotDate'>): CanonicalBatch {
  const outcome: ParseOutcome = parseRawBuffer(buf, { ...request, snapshotDate: '2025-06-30' });
  if (!outcome.ok) throw new Error(`${outcome.failure.reason}: ${outcome.failure.message}`);
  return outcome.batches[0] as CanonicalBatch;
}
const total = (batch: CanonicalBatch, column: string) =>
  batch.rows.reduce((sum, r) => sum.plus(r.values[column] ?? 0), new Decimal(0)).toFixed(2);

describe('simulator files', () => {
  it('parses every SAI alta with exact amounts and 12-digit unit ids', () => {
    const batch = batchOf(altasWorkbook(view, from, to), {
      path: 'altas_export_1.xlsx',
      report: 'sai_altas',
    });
    const altas = view.altas(from, to).flatMap((a) => (a.duplicatedInExport ? [a, a] : [a]));
    expect(batch.rows).toHaveLength(altas.length);
    const cents = altas.reduce((sum, a) => sum + a.amountCents, 0);
    expect(total(batch, 'importe')).toBe(new Decimal(cents).dividedBy(100).toFixed(2));
    expect(batch.rows.every((r) => /^\d{12}$/.test(r.values.clas_ptal_recep ?? ''))).toBe(true);
    expect(batch.rows.every((r) => /^\d{8}$/.test(r.values.no_orden ?? ''))).toBe(true);
    expect(batch.rows.every((r) => r.values.desc_unidad === r.values.desc_unidad?.trim())).toBe(true);
  });

  it('parses every SAI order', () => {
    const batch = batchOf(ordersWorkbook(view, from, to), { path: 'ordenes.xlsx', report: 'sai_orders' });
    expect(batch.rows).toHaveLength(view.orders(from, to).length);
    expect(batch.extraColumns).toEqual([]);
  });

  it('parses a PREI window and its preamble', () => {
    const [mayFrom, mayTo] = [dayFromIso('2025-05-01'), dayFromIso('2025-05-31')];
    const expected = view.preiRows(mayFrom, mayTo);
    const outcome = parseRawBuffer(preiWorkbook(view, mayFrom, mayTo), {
      path: 'prei.xls',
      report: 'prei_facturas_cr',
      snapshotDate: '2025-06-30',
      query: { from: '2025-05-01', to: '2025-05-31', expectedRows: expected.length },
    });
    if (!outcome.ok) throw new Error(outcome.failure.message);
    expect(outcome.preamble).toMatchObject({ from: '2025-05-01', to: '2025-05-31' });
    const [batch] = outcome.batches;
    const cents = expected.reduce((sum, r) => sum + r.invoice.totalCents, 0);
    expect(total(batch as CanonicalBatch, 'importe')).toBe(new Decimal(cents).dividedBy(100).toFixed(2));
  });

  describe('files on the supplier disk', () => {
    let dir = '';
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'puente-simfiles-'));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('imports every CFDI and the PAQ workbook', async () => {
      const files = await writeWorldFiles(dir, world, '2025-06-30');
      const store = await LandingStore.open(join(dir, 'data'));
      const result = await importCfdiFolders(store, [files.cfdiDir], {
        snapshotDate: '2025-06-30',
        quarantineDir: join(dir, 'data', 'quarantine'),
        runId: 'sim',
      });
      const failures = result.files.flatMap((f) => (f.outcome.ok ? [] : [f.outcome.failure.message]));
      expect(failures).toEqual([]);
      expect(result.files).toHaveLength(files.cfdiCount);
      expect(result.duplicates).toEqual([]);

      const paq = batchOf(await readFile(files.paqFile), { path: 'paq.xlsx', report: 'paq' });
      expect(paq.rows).toHaveLength(view.paq().length);
    });
  });
});
