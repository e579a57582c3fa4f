import JSZip from 'jszip';
import {
  ALTAS_HEADER,
  type AltasRecord,
  altasRecord,
  ORDERS_HEADER,
  ordersRecord,
  PREI_HEADER,
  type PreiRecord,
  preiRecord,
  preiSheet,
  table,
} from '../fixtures/portal-files';
import { type Cell, xlsBuffer, xlsxBuffer } from '../fixtures/workbooks';
import { CORPUS_SNAPSHOT, type CorpusSource, parsed, quarantined } from './types';

const snapshot = { snapshotDate: CORPUS_SNAPSHOT };
/** The window and supplier the fixtures' PREI preamble states. */
const PREI_WINDOW = { supplier: '0000123456', from: '01/05/2025', to: '31/05/2025' };
const preiAsked = { ...snapshot, from: '2025-05-01', to: '2025-05-31', supplierNumber: '0000123456' };

const altas = (records: AltasRecord[]) => xlsxBuffer({ data: table(ALTAS_HEADER, records) });
const alta = (n: number, overrides: Partial<AltasRecord> = {}) =>
  altasRecord({ noAlta: `058001-90${String(n).padStart(4, '0')}`, ...overrides });
const prei = (records: PreiRecord[], window = PREI_WINDOW) =>
  xlsBuffer('tblDocumentos', preiSheet(records, window));
const doc = (n: number, overrides: Partial<PreiRecord> = {}) =>
  preiRecord({
    Documento: `0090${String(n).padStart(4, '0')}`,
    'Folio Fiscal': `C0A1B2C3-0000-4000-8000-${String(n).padStart(12, '0')}`,
    ...overrides,
  });

/** A header row and one data row, the data row's cells given by column. */
const sheet = (header: string[], row: Record<string, Cell>): Cell[][] => [
  header,
  header.map((h) => row[h] ?? null),
];

/** SAI altas exports that a portal, a network or a person could have mangled. */
async function saiAltasCases(): Promise<CorpusSource[]> {
  const sai = (name: string, bytes: Buffer, expect: CorpusSource['expect'], why: string, extra = {}) =>
    ({
      name,
      report: 'sai_altas',
      portal: 'sai',
      parameters: { ...snapshot, ...extra },
      expect,
      bytes,
      why,
    }) as const;
  const good = await altas([alta(1), alta(2)]);
  const reordered = [...ALTAS_HEADER].reverse();
  const english = ['receiptId', 'date', 'contract', 'order', 'item', 'qty', 'amount', 'due'];
  const withoutImporte = ALTAS_HEADER.filter((h) => h !== 'importe');
  return [
    sai(
      'altas-truncated.xlsx',
      good.subarray(0, Math.floor(good.length / 2)),
      quarantined('truncated'),
      'download cut in half',
    ),
    sai(
      'altas-reordered-headers.xlsx',
      await xlsxBuffer({ data: table(reordered, [alta(3), alta(4)]) }),
      parsed(2),
      'columns in reverse order: read by header name',
    ),
    sai(
      'altas-extra-column.xlsx',
      await xlsxBuffer({
        data: sheet([...ALTAS_HEADER, 'observaciones'], { ...alta(5), observaciones: 'nuevo' }),
      }),
      parsed(1),
      'a column the portal added: loaded, the column reported',
    ),
    sai(
      'altas-duplicated-rows.xlsx',
      await altas([alta(6), alta(6), alta(6)]),
      parsed(3),
      "the same alta three times: deduplication is the models' job",
    ),
    sai(
      'altas-wrong-headers.xlsx',
      await xlsxBuffer({ data: [english, ['058001-1', '15/05/2025', 'U1', '1', 'x', '1', '1', '1']] }),
      quarantined('bad_header'),
      "another report's header",
    ),
    sai(
      'altas-missing-importe.xlsx',
      await xlsxBuffer({ data: sheet(withoutImporte, alta(7)) }),
      quarantined('missing_column'),
      'a required column is gone',
    ),
    sai(
      'altas-duplicate-header.xlsx',
      await xlsxBuffer({ data: sheet([...ALTAS_HEADER, 'importe'], alta(8)) }),
      quarantined('bad_header'),
      'the same column twice: which one is the amount?',
    ),
    sai(
      'altas-date-wrong-format.xlsx',
      await altas([alta(9, { fechaAltaTrunc: '2025-31-05' })]),
      quarantined('bad_value'),
      'year-day-month date',
    ),
    sai(
      'altas-date-impossible.xlsx',
      await altas([alta(10, { fechaAltaTrunc: '31/02/2025' })]),
      quarantined('bad_value'),
      '31 February',
    ),
    sai(
      'altas-amount-comma-decimal.xlsx',
      await altas([alta(11, { importe: '10.450,10' })]),
      quarantined('bad_value'),
      'European decimal comma',
    ),
    sai(
      'altas-amount-too-precise.xlsx',
      await altas([alta(12, { importe: '10450.105' })]),
      quarantined('bad_value'),
      'a fraction of a cent cannot be stored exactly',
    ),
    sai(
      'altas-amount-text.xlsx',
      await altas([alta(13, { importe: 'N/A' })]),
      quarantined('bad_value'),
      'a sentinel string where money goes',
    ),
    sai(
      'altas-negative-amount.xlsx',
      await altas([alta(14, { importe: '-1,200.00' })]),
      parsed(1),
      'a negative amount (a correction) is kept exactly, never dropped',
    ),
    sai(
      'altas-missing-required-value.xlsx',
      await altas([alta(15, { noAlta: '   ' })]),
      quarantined('missing_value'),
      'blank alta id',
    ),
    sai(
      'altas-order-id-overflow.xlsx',
      await altas([alta(16, { noOrden: 1234567890 })]),
      quarantined('bad_value'),
      'a 10-digit number where an 8-digit id goes',
    ),
    sai(
      'altas-formula-injection.xlsx',
      await altas([alta(17, { descUnidad: '=HYPERLINK("http://evil.example","ver")' })]),
      parsed(1),
      'a formula-looking cell stays inert text',
    ),
    sai(
      'altas-wrong-sheet.xlsx',
      await xlsxBuffer({ Hoja1: table(ALTAS_HEADER, [alta(18)]) }),
      quarantined('missing_sheet'),
      'sheet renamed',
    ),
    sai(
      'altas-row-count-mismatch.xlsx',
      await altas([alta(19)]),
      quarantined('row_count_mismatch'),
      'fewer rows than the portal showed',
      { expectedRows: '5' },
    ),
    sai(
      'altas-header-only.xlsx',
      await xlsxBuffer({ data: [[...ALTAS_HEADER]] }),
      parsed(0),
      'a window with no altas',
    ),
    sai(
      'altas-zip-not-xlsx.xlsx',
      await zipWithout(),
      quarantined('corrupt'),
      'a zip archive holding no workbook',
    ),
  ];
}

/** A zip archive that is complete but is not a workbook. */
async function zipWithout(): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('readme.txt', 'esto no es un libro de Excel');
  return zip.generateAsync({ type: 'nodebuffer' });
}

function saiOrdersCases(): Promise<CorpusSource[]> {
  const orders = (name: string, rows: Cell[][], expect: CorpusSource['expect'], why: string) =>
    xlsxBuffer({ data: rows }).then(
      (bytes) =>
        ({ name, report: 'sai_orders', portal: 'sai', parameters: snapshot, expect, bytes, why }) as const,
    );
  const accentless = ORDERS_HEADER.map((h) => (h === 'descripciónEntrega' ? 'descripcionEntrega' : h));
  return Promise.all([
    orders(
      'orders-accentless-header.xlsx',
      [accentless, ORDERS_HEADER.map((h) => ordersRecord({ orden: '40990001' })[h])],
      parsed(1),
      'header typed without the accent',
    ),
    orders(
      'orders-contract-as-number.xlsx',
      [
        [...ORDERS_HEADER],
        ORDERS_HEADER.map((h) => (h === 'lugarEntrega' ? 8001 : ordersRecord({ orden: '40990002' })[h])),
      ],
      quarantined('bad_value'),
      'an id of unknown width came as a number: its leading zeros may be gone',
    ),
  ]);
}

/** PREI "Facturas vs CR" downloads: preamble, ranges, encodings. */
function preiCases(): CorpusSource[] {
  const cases: Array<[string, Buffer, CorpusSource['expect'], string, Record<string, string>?]> = [
    [
      'prei-lowercase-uuids.xls',
      prei([doc(1, { 'Folio Fiscal': 'c0a1b2c3-0000-4000-8000-00000000aaaa' })]),
      parsed(1),
      'lowercase UUID: upper-cased',
    ],
    [
      'prei-overlap-may.xls',
      prei([doc(2), doc(3)]),
      parsed(2),
      'overlapping windows: both kept, the models pick the latest',
    ],
    [
      'prei-overlap-mid-may-june.xls',
      prei([doc(3), doc(4, { 'Fecha Factura': '02/06/2025 09:00:00' })], {
        ...PREI_WINDOW,
        from: '15/05/2025',
        to: '15/06/2025',
      }),
      parsed(2),
      'overlaps the previous window by one invoice',
      { from: '2025-05-15', to: '2025-06-15' },
    ],
    [
      'prei-range-mismatch.xls',
      prei([doc(5)]),
      quarantined('range_mismatch'),
      'the portal answered another range',
      { from: '2025-06-01', to: '2025-06-30' },
    ],
    [
      'prei-supplier-mismatch.xls',
      prei([doc(6)], { ...PREI_WINDOW, supplier: '0000999001' }),
      quarantined('supplier_mismatch'),
      "another supplier's report",
    ],
    [
      'prei-no-preamble.xls',
      xlsBuffer('tblDocumentos', table(PREI_HEADER, [doc(7)])),
      quarantined('bad_preamble'),
      'no query range above the table',
    ],
    [
      'prei-bad-timestamp.xls',
      prei([doc(8, { 'Fecha Factura': '16-05-2025 10:32' })]),
      quarantined('bad_value'),
      'dashes in a date-time',
    ],
    [
      'prei-unknown-state.xls',
      prei([doc(9, { 'Estado C.R.': 'Suspendido temporalmente' })]),
      parsed(1),
      'a state nobody listed: kept, never dropped',
    ],
    [
      'prei-negative-amount.xls',
      prei([doc(10, { Importe: '(1,500.00)' })]),
      parsed(1),
      'an accounting-style negative: a credit, kept exactly',
    ],
  ];
  const good = prei([doc(11)]);
  const cfbMagic = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  cases.push(
    [
      'prei-truncated.xls',
      good.subarray(0, good.length - 100),
      quarantined('truncated'),
      'download cut short',
    ],
    [
      'prei-corrupt-cfb.xls',
      Buffer.concat([cfbMagic, Buffer.alloc(2048 - cfbMagic.length, 0xee)]),
      quarantined('corrupt'),
      'an Excel 97 header over garbage',
    ],
    [
      'prei-html-session-expired.xls',
      Buffer.from('<!DOCTYPE html><html><body>Su sesión ha expirado.</body></html>'),
      quarantined('html_instead_of_xls'),
      "the portal's error page under the file name",
    ],
    [
      'prei-html-bom.xls',
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from('\r\n<html><table><tr><td>Documento</td></tr></table></html>'),
      ]),
      quarantined('html_instead_of_xls'),
      'an HTML table with a byte order mark',
    ],
    ['prei-whitespace-only.xls', Buffer.from(' \r\n\t\r\n'), quarantined('empty'), 'only whitespace'],
  );
  return cases.map(([name, bytes, expect, why, asked]) => ({
    name,
    report: 'prei_facturas_cr',
    portal: 'prei',
    parameters: { ...preiAsked, ...asked },
    expect,
    why,
    bytes,
  }));
}

/** The hand-kept PAQ workbook. */
async function paqCases(): Promise<CorpusSource[]> {
  const paq = { ...snapshot, sheet: 'Reporte Paq' };
  const rows = (referencia: Cell): Cell[][] => [
    ['Folio', 'Referencia', 'Alta'],
    ['P-9001', referencia, '058001-107046'],
  ];
  return [
    {
      name: 'paq-sheet-renamed.xlsx',
      report: 'paq',
      portal: 'local',
      parameters: paq,
      expect: quarantined('missing_sheet'),
      why: 'the analyst renamed the sheet',
      bytes: await xlsxBuffer({ 'Reporte PAQ 2025': rows('40126288') }),
    },
    {
      name: 'paq-order-overflow.xlsx',
      report: 'paq',
      portal: 'local',
      parameters: paq,
      expect: quarantined('bad_value'),
      why: 'a 9-digit number typed where an 8-digit order goes',
      bytes: await xlsxBuffer({ 'Reporte Paq': rows(401262889) }),
    },
  ];
}

export async function spreadsheetCases(): Promise<CorpusSource[]> {
  return [...(await saiAltasCases()), ...(await saiOrdersCases()), ...preiCases(), ...(await paqCases())];
}
