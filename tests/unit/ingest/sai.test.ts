import { describe, expect, it } from 'vitest';
import type { ParseFailure } from '../../../src/main/ingest/failure';
import { type ParseOutcome, parseRawBuffer } from '../../../src/main/ingest/parse';
import type { ReportKind } from '../../../src/main/ingest/reports';
import { ALTAS_HEADER, altasRecord, ORDERS_HEADER, ordersRecord, table } from '../../fixtures/portal-files';
import { type Cell, xlsxBuffer } from '../../fixtures/workbooks';

const parse = (buf: Buffer, report: ReportKind, fileName = 'altas_export_1748000000000.xlsx') =>
  parseRawBuffer(buf, {
    path: `/tmp/${fileName}`,
    report,
    snapshotDate: '2025-06-01',
    srcFile: 'landing/ab/x.xlsx',
  });

function batchOf(outcome: ParseOutcome) {
  if (!outcome.ok)
    throw new Error(`expected rows, got ${outcome.failure.reason}: ${outcome.failure.message}`);
  const [batch] = outcome.batches;
  if (!batch) throw new Error('no batch');
  return batch;
}
function failureOf(outcome: ParseOutcome): ParseFailure {
  if (outcome.ok) throw new Error('expected a failure');
  return outcome.failure;
}

describe('SAI altas', () => {
  it('parses the portal export into exact canonical values with lineage', async () => {
    const buf = await xlsxBuffer({
      data: table(ALTAS_HEADER, [
        altasRecord(),
        altasRecord({
          noAlta: '011901-000123',
          importe: '0.10',
          cantRecibida: '1',
          totalItems: '3',
          fpp: ' ',
        }),
        altasRecord({ noAlta: '011901-000124', importe: '0.20', clasPtalRecep: 15801000000 }),
      ]),
    });
    const outcome = parse(buf, 'sai_altas');
    const batch = batchOf(outcome);
    expect(batch.dataset).toBe('sai_altas');
    expect(batch.srcFile).toBe('landing/ab/x.xlsx');
    expect(batch.srcSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(batch.extraColumns).toEqual([]);
    expect(batch.rows.map((r) => r.srcRow)).toEqual([2, 3, 4]);
    expect(batch.rows[0]?.values).toEqual({
      no_alta: '058001-107046',
      fecha_alta: '2025-05-15',
      no_contrato: 'U220749',
      no_orden: '40126288',
      clave: '010-000-4411-00-00',
      cant_recibida: '120',
      importe: '10450.10',
      fpp: '2025-06-29',
      clas_ptal_recep: '015801000000',
      desc_unidad: 'ALMACEN DELEGACIONAL VERACRUZ NORTE',
      clas_ptal_dist: null,
      desc_dist: null,
      total_items: null,
      resguardo: null,
      snapshot_date: '2025-06-01',
    });
    expect(batch.rows[1]?.values).toMatchObject({ importe: '0.10', fpp: null, total_items: '3' });
    // A number cell lost its leading zero; the known 12-digit width restores it.
    expect(batch.rows[2]?.values.clas_ptal_recep).toBe('015801000000');
    expect(Object.keys(batch.rows[0]?.values ?? {})).toHaveLength(15);
  });

  it('matches columns by name, so a reordered export parses the same', async () => {
    const reordered = [...ALTAS_HEADER].reverse();
    const outcome = parse(await xlsxBuffer({ data: table(reordered, [altasRecord()]) }), 'sai_altas');
    expect(batchOf(outcome).rows[0]?.values).toMatchObject({ no_alta: '058001-107046', importe: '10450.10' });
  });

  it('keeps and reports an unknown extra column', async () => {
    const header = [...ALTAS_HEADER, 'folioNuevo'] as const;
    const rows: Cell[][] = table(header, [{ ...altasRecord(), folioNuevo: 'X1' }]);
    const batch = batchOf(parse(await xlsxBuffer({ data: rows }), 'sai_altas'));
    expect(batch.extraColumns).toEqual(['folioNuevo']);
    expect(batch.rows).toHaveLength(1);
  });

  it('fails the file when a required column is missing, naming it', async () => {
    const header = ALTAS_HEADER.filter((h) => h !== 'importe');
    const f = failureOf(parse(await xlsxBuffer({ data: table(header, [altasRecord()]) }), 'sai_altas'));
    expect(f.reason).toBe('missing_column');
    expect(f.field).toBe('importe');
    expect(f.message).toContain('altas_export_1748000000000.xlsx');
    expect(f.message).toContain('"importe"');
  });

  it('quarantines the whole file when any row is bad, listing row, field, value and fix', async () => {
    const buf = await xlsxBuffer({
      data: table(ALTAS_HEADER, [
        altasRecord(),
        altasRecord({ importe: 'abc' }),
        altasRecord({ fechaAltaTrunc: '31/02/2025' }),
        altasRecord({ noAlta: ' ' }),
      ]),
    });
    const f = failureOf(parse(buf, 'sai_altas'));
    expect(f.reason).toBe('bad_value');
    expect(f.row).toBe(3);
    expect(f.field).toBe('importe');
    expect(f.problems).toEqual([
      { row: 3, field: 'importe', value: 'abc', message: expect.stringContaining('not a number') },
      {
        row: 4,
        field: 'fechaAltaTrunc',
        value: '31/02/2025',
        message: expect.stringContaining('not a date'),
      },
      { row: 5, field: 'noAlta', value: '', message: 'is empty but required' },
    ]);
    expect(f.message).toMatch(/3 bad values, nothing loaded: row 3, importe/);
  });

  it('refuses a workbook without the data sheet', async () => {
    const f = failureOf(
      parse(await xlsxBuffer({ Hoja1: table(ALTAS_HEADER, [altasRecord()]) }), 'sai_altas'),
    );
    expect(f.reason).toBe('missing_sheet');
    expect(f.message).toContain('Hoja1');
  });

  it('gives a header-only export zero rows', async () => {
    const outcome = parse(await xlsxBuffer({ data: [[...ALTAS_HEADER]] }), 'sai_altas');
    expect(outcome.ok && outcome.rows).toBe(0);
  });
});

describe('SAI orders', () => {
  it('reads numbers given as text or as cells, and an accented header in any case', async () => {
    const header = ORDERS_HEADER.map((h) => (h === 'descripciónEntrega' ? 'DescripcionEntrega' : h));
    const records = [
      ordersRecord(),
      ordersRecord({
        orden: 40126289,
        cantidadSolicitada: 50,
        precio: 87.0842,
        importeSinIva: 4354.21,
        solicitud: 7001235,
      }),
    ];
    const rows = [header, ...table(ORDERS_HEADER, records).slice(1)];
    const batch = batchOf(parse(await xlsxBuffer({ data: rows }), 'sai_orders', 'ordenes.xlsx'));
    expect(batch.rows[0]?.values).toMatchObject({
      contrato: 'U220749',
      orden: '40126288',
      descripcion_entrega: 'ALMACÉN DELEGACIONAL',
      fecha_expedicion: '2025-05-02',
      cantidad_solicitada: '120',
      precio: '87.0842',
      importe_sin_iva: '10450.10',
      estatus: 'Pendiente',
    });
    expect(batch.rows[1]?.values).toMatchObject({
      orden: '40126289',
      solicitud: '7001235',
      cantidad_solicitada: '50',
      precio: '87.0842',
      importe_sin_iva: '4354.21',
    });
  });

  it('refuses a contract id that came as a number (leading zeros unknowable)', async () => {
    const rows = table(ORDERS_HEADER, [ordersRecord({ contrato: 220749 })]);
    const f = failureOf(parse(await xlsxBuffer({ data: rows }), 'sai_orders', 'ordenes.xlsx'));
    expect(f.reason).toBe('bad_value');
    expect(f.field).toBe('contrato');
    expect(f.message).toContain('export the column as text');
  });
});

describe('PAQ workbook', () => {
  it('reads the default sheet and columns, padding an order given as a number', async () => {
    const buf = await xlsxBuffer({
      Notas: [['ignorar']],
      'Reporte Paq': [
        ['Folio', 'Referencia', 'Alta', 'Comentario'],
        ['P-6537', 40126288, '058001-107046', 'ok'],
        [6538, '40126289', null, null],
      ],
    });
    const batch = batchOf(parse(buf, 'paq', 'paq.xlsx'));
    expect(batch.dataset).toBe('paq_links');
    expect(batch.extraColumns).toEqual(['Comentario']);
    expect(batch.rows.map((r) => r.values)).toEqual([
      { folio: 'P-6537', referencia: '40126288', alta: '058001-107046' },
      { folio: '6538', referencia: '40126289', alta: null },
    ]);
  });

  it('takes a configured sheet and column names', async () => {
    const buf = await xlsxBuffer({
      Links: [
        ['Factura', 'Orden', 'No Alta'],
        ['P-1', '00000001', '011901-000001'],
      ],
    });
    const outcome = parseRawBuffer(buf, {
      path: 'paq.xlsx',
      report: 'paq',
      snapshotDate: '2025-06-01',
      paq: { sheet: 'links', folioColumn: 'Factura', referenciaColumn: 'Orden', altaColumn: 'No Alta' },
    });
    expect(batchOf(outcome).rows[0]?.values).toEqual({
      folio: 'P-1',
      referencia: '00000001',
      alta: '011901-000001',
    });
  });
});
