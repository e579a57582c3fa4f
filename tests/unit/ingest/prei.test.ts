import { describe, expect, it } from 'vitest';
import { type ParseOutcome, type ParseQuery, parseRawBuffer } from '../../../src/main/ingest/parse';
import { PREI_HEADER, preiRecord, preiSheet, table } from '../../fixtures/portal-files';
import { xlsBuffer } from '../../fixtures/workbooks';

const FILE = '[FacturaVsCR][0000123456][01-05-2025][31-05-2025].xls';
const parse = (buf: Buffer, query?: ParseQuery) =>
  parseRawBuffer(buf, { path: FILE, report: 'prei_facturas_cr', snapshotDate: '2025-06-03', query });

function okOf(outcome: ParseOutcome) {
  if (!outcome.ok)
    throw new Error(`expected rows, got ${outcome.failure.reason}: ${outcome.failure.message}`);
  return outcome;
}

describe('PREI Facturas vs CR (.xls)', () => {
  const records = [
    preiRecord(),
    preiRecord({
      Documento: '00123457',
      'Folio Fiscal': 'B1B2C3D4-E5F6-4789-ABCD-0123456789EF',
      Importe: '0.20',
      'Unidad Negocio': ' ',
      'Contra Recibo': ' ',
      'Estado C.R.': 'Sin Contra Recibo',
    }),
  ];

  it('skips the preamble, returns it, and parses exact values with blank CR as null', () => {
    const outcome = okOf(parse(xlsBuffer('tblDocumentos', preiSheet(records))));
    expect(outcome.preamble).toEqual({ supplierNumber: '0000123456', from: '2025-05-01', to: '2025-05-31' });
    const [batch] = outcome.batches;
    expect(batch?.dataset).toBe('prei_invoices');
    expect(batch?.rows.map((r) => r.srcRow)).toEqual([9, 10]);
    expect(batch?.rows[0]?.values).toEqual({
      documento: '00123456',
      folio_fiscal: 'A1B2C3D4-E5F6-4789-ABCD-0123456789EF',
      fecha_factura: '2025-05-16T10:32:05',
      importe: '10450.10',
      fecha_carga: '2025-06-02T18:01:00',
      unidad_negocio: '00030',
      contra_recibo: '00504675',
      estado_cr: 'Pagado',
      query_from: '2025-05-01',
      query_to: '2025-05-31',
      snapshot_date: '2025-06-03',
    });
    expect(batch?.rows[1]?.values).toMatchObject({
      unidad_negocio: null,
      contra_recibo: null,
      importe: '0.20',
    });
  });

  it('re-pads ids and reads date-times stored as numbers in the .xls', () => {
    const numeric = preiRecord({
      'Unidad Negocio': 30,
      'Contra Recibo': 504675,
      'Fecha Factura': 45793 + 37_925 / 86_400,
    });
    const [batch] = okOf(parse(xlsBuffer('tblDocumentos', preiSheet([numeric])))).batches;
    expect(batch?.rows[0]?.values).toMatchObject({
      unidad_negocio: '00030',
      contra_recibo: '00504675',
      fecha_factura: '2025-05-16T10:32:05',
    });
  });

  it('accepts a file that answers the request and refuses one that answers another', () => {
    const buf = xlsBuffer('tblDocumentos', preiSheet(records));
    expect(
      parse(buf, { from: '2025-05-01', to: '2025-05-31', supplierNumber: '0000123456', expectedRows: 2 }).ok,
    ).toBe(true);
    const wrongRange = parse(buf, { from: '2025-05-01', to: '2025-05-15' });
    expect(!wrongRange.ok && wrongRange.failure.reason).toBe('range_mismatch');
    const wrongSupplier = parse(buf, { supplierNumber: '0000999999' });
    expect(!wrongSupplier.ok && wrongSupplier.failure.reason).toBe('supplier_mismatch');
    const wrongCount = parse(buf, { expectedRows: 3 });
    expect(!wrongCount.ok && wrongCount.failure.reason).toBe('row_count_mismatch');
  });

  it('refuses a file whose preamble lost the date range', () => {
    const sheet = preiSheet(records).filter((row) => !String(row[0] ?? '').startsWith('Fecha'));
    const outcome = parse(xlsBuffer('tblDocumentos', sheet));
    expect(!outcome.ok && outcome.failure.reason).toBe('bad_preamble');
  });

  it('refuses a bad folio fiscal, naming the row and field', () => {
    const outcome = parse(
      xlsBuffer('tblDocumentos', preiSheet([preiRecord({ 'Folio Fiscal': 'not-a-uuid' })])),
    );
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.failure).toMatchObject({ reason: 'bad_value', row: 9, field: 'Folio Fiscal' });
  });

  it('reports a table without its header as bad_header', () => {
    const outcome = parse(xlsBuffer('tblDocumentos', [['Instituto'], [], ['x', 'y']]));
    expect(!outcome.ok && outcome.failure.reason).toBe('bad_header');
    expect(PREI_HEADER).toHaveLength(8);
    expect(table(PREI_HEADER, [])).toHaveLength(1);
  });
});
