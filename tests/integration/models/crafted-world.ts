import { type BuildResult, build } from '../../../src/main/models/build';
import { decisionsTableDdl } from '../../../src/main/models/decisions';
import type { SqlSession } from '../../../src/main/warehouse/session';
import { createRawTables, insertRaw, type RawRow } from './raw-tables';

/**
 * A small world with one alta per rule the models must handle. uuid(n) is the invoice UUID for n.
 *   1 PAQ link, paid                    8 PAQ, contrarecibo withdrawn on day 2
 *   2 inferred match, lowercase in PREI 9 no invoice
 *   3,4 two identical deliveries        10 credit note against its invoice
 *       and two identical invoices      11 PAQ points at a cancelled (substituted) invoice
 *   5 PAQ link, invoice amount differs  12 manual link by an analyst
 *   6 invoice not uploaded to PREI      13 rule match rejected by an analyst
 *   7 unknown PREI state                invoice 20 has no alta; order 40000099 is undelivered
 */
export const uuid = (n: number) => `0A1B2C3D-0000-4000-8000-${String(n).padStart(12, '0')}`;
export const alta = (n: number) => `058001-${String(n).padStart(6, '0')}`;

const CLAVE_A = '010-000-4411-00-00';
const CLAVE_B = '010-000-5000-00-00';
const spaced = (clave: string) => `${clave.replaceAll('-', ' ')} PARACETAMOL 500 MG`;

interface AltaSpec {
  n: number;
  clave: string;
  qty: string;
  amount: string;
  date: string;
}

const ALTAS: AltaSpec[] = [
  { n: 1, clave: CLAVE_A, qty: '100', amount: '1000.00', date: '2025-06-20' },
  { n: 2, clave: CLAVE_A, qty: '50', amount: '500.00', date: '2025-07-02' },
  { n: 3, clave: CLAVE_B, qty: '10', amount: '250.00', date: '2025-07-12' },
  { n: 4, clave: CLAVE_B, qty: '10', amount: '250.00', date: '2025-07-13' },
  { n: 5, clave: CLAVE_A, qty: '20', amount: '200.00', date: '2025-07-03' },
  { n: 6, clave: CLAVE_A, qty: '5', amount: '50.00', date: '2025-07-04' },
  { n: 7, clave: CLAVE_A, qty: '6', amount: '60.00', date: '2025-07-04' },
  { n: 8, clave: CLAVE_A, qty: '7', amount: '70.00', date: '2025-07-05' },
  { n: 9, clave: CLAVE_A, qty: '8', amount: '80.00', date: '2025-07-06' },
  { n: 10, clave: CLAVE_A, qty: '10', amount: '100.00', date: '2025-07-06' },
  { n: 11, clave: CLAVE_A, qty: '11', amount: '110.00', date: '2025-07-07' },
  { n: 12, clave: CLAVE_A, qty: '12', amount: '120.00', date: '2025-07-07' },
  { n: 13, clave: CLAVE_B, qty: '13', amount: '325.00', date: '2025-07-08' },
];

const order = (n: number) => `400000${String(n).padStart(2, '0')}`;

function altaRow(spec: AltaSpec, snapshot: string): RawRow {
  return {
    no_alta: alta(spec.n),
    fecha_alta: spec.date,
    no_contrato: 'U220749',
    no_orden: order(spec.n === 4 ? 3 : spec.n),
    clave: spec.clave,
    cant_recibida: spec.qty,
    importe: spec.amount,
    clas_ptal_recep: '058001000000',
    desc_unidad: 'ALMACEN DELEGACIONAL   ',
    snapshot_date: snapshot,
  };
}

function orderRows(snapshot: string): RawRow[] {
  const rows: RawRow[] = ALTAS.filter((spec) => spec.n !== 4).map((spec) => ({
    contrato: 'U220749',
    orden: order(spec.n),
    cve_articulo: spec.clave,
    fecha_expedicion: '2025-06-01',
    estatus: 'Pendiente',
    fecha_entrega: '2025-07-05',
    cantidad_solicitada: spec.n === 3 ? '20' : spec.qty,
    precio: spec.n === 3 ? '25' : '10',
    importe_sin_iva: spec.n === 3 ? '500.00' : spec.amount,
    snapshot_date: snapshot,
  }));
  rows.push({
    contrato: 'U220749',
    orden: '40000099',
    cve_articulo: CLAVE_A,
    fecha_expedicion: '2025-06-01',
    estatus: 'Pendiente',
    fecha_entrega: '2025-07-01',
    cantidad_solicitada: '30',
    precio: '10',
    importe_sin_iva: '300.00',
    snapshot_date: snapshot,
  });
  rows.push({ ...rows[0], orden: '40000098', estatus: 'Cancelada', snapshot_date: snapshot });
  return rows;
}

export interface InvoiceSpec {
  n: number;
  clave: string;
  qty: string;
  total: string;
  date: string;
  tipo?: 'I' | 'E';
  relation?: { tipo: string; uuid: string };
}

const INVOICES: InvoiceSpec[] = [
  { n: 1, clave: CLAVE_A, qty: '100', total: '1000.00', date: '2025-06-21' },
  { n: 2, clave: CLAVE_A, qty: '50', total: '500.00', date: '2025-07-05' },
  { n: 3, clave: CLAVE_B, qty: '10', total: '250.00', date: '2025-07-14' },
  { n: 4, clave: CLAVE_B, qty: '10', total: '250.00', date: '2025-07-15' },
  { n: 5, clave: CLAVE_A, qty: '20', total: '210.00', date: '2025-07-04' },
  { n: 6, clave: CLAVE_A, qty: '5', total: '50.00', date: '2025-07-05' },
  { n: 7, clave: CLAVE_A, qty: '6', total: '60.00', date: '2025-07-05' },
  { n: 8, clave: CLAVE_A, qty: '7', total: '70.00', date: '2025-07-06' },
  { n: 10, clave: CLAVE_A, qty: '10', total: '100.00', date: '2025-07-07' },
  { n: 11, clave: CLAVE_A, qty: '11', total: '110.00', date: '2025-07-08' },
  { n: 12, clave: CLAVE_A, qty: '99', total: '990.00', date: '2025-07-08' },
  { n: 13, clave: CLAVE_B, qty: '13', total: '325.00', date: '2025-07-09' },
  { n: 20, clave: CLAVE_B, qty: '77', total: '1925.00', date: '2025-07-09' },
  {
    n: 30,
    clave: CLAVE_A,
    qty: '1',
    total: '10.00',
    date: '2025-07-20',
    tipo: 'E',
    relation: { tipo: '01', uuid: uuid(10) },
  },
  {
    n: 31,
    clave: CLAVE_A,
    qty: '11',
    total: '110.00',
    date: '2025-07-09',
    relation: { tipo: '04', uuid: uuid(11) },
  },
];

const PAQ: Array<[number, number]> = [
  [1, 1],
  [5, 5],
  [6, 6],
  [7, 7],
  [8, 8],
  [10, 10],
  [11, 11],
];

interface PreiSpec {
  n: number;
  estado: string;
  cr: string;
  unit: string;
  amount?: string;
  lowercase?: boolean;
}

export function preiDay(day: 1 | 2 | 3): PreiSpec[] {
  return [
    { n: 1, estado: 'Pagado', cr: '00504675', unit: '00058' },
    { n: 2, estado: day === 3 ? 'Pagado' : 'En proceso', cr: '00504676', unit: '00058', lowercase: true },
    { n: 5, estado: 'Sin Contra Recibo', cr: ' ', unit: ' ', amount: '210.00' },
    { n: 7, estado: 'Rechazada por validación', cr: ' ', unit: ' ' },
    {
      n: 8,
      estado: day === 1 ? 'En proceso' : 'Sin Contra Recibo',
      cr: day === 1 ? '00504677' : ' ',
      unit: day === 1 ? '00058' : ' ',
    },
    { n: 10, estado: 'Aprobado', cr: '00504678', unit: '05801' },
  ];
}

const total = (n: number) => INVOICES.find((spec) => spec.n === n)?.total ?? '0.00';

export async function loadDay(session: SqlSession, day: 1 | 2 | 3): Promise<void> {
  const snapshot = `2025-08-0${day}`;
  const loadedAt = `${snapshot} 07:00:00`;
  const altas = ALTAS.map((spec) => altaRow(spec, snapshot));
  await insertRaw(session, 'sai_altas', altas, { file: `landing/altas-${day}.xlsx`, loadedAt });
  // A re-download of the same report: exact duplicates that staging must collapse.
  await insertRaw(session, 'sai_altas', altas.slice(0, 3), {
    file: `landing/altas-${day}-again.xlsx`,
    loadedAt,
  });
  await insertRaw(session, 'sai_orders', orderRows(snapshot), {
    file: `landing/orders-${day}.xlsx`,
    loadedAt,
  });
  const prei = preiDay(day).map((spec, index) => ({
    documento: String(10_000_000 + index),
    folio_fiscal: spec.lowercase ? uuid(spec.n).toLowerCase() : uuid(spec.n),
    fecha_factura: `${INVOICES.find((invoice) => invoice.n === spec.n)?.date}T10:00:00`,
    importe: spec.amount ?? total(spec.n),
    fecha_carga: '2025-07-20T09:00:00',
    unidad_negocio: spec.unit,
    contra_recibo: spec.cr,
    estado_cr: spec.estado,
    query_from: '2025-06-01',
    query_to: '2025-07-31',
    snapshot_date: snapshot,
  }));
  // Two overlapping query windows return the same invoices twice.
  await insertRaw(session, 'prei_invoices', prei, { file: `landing/prei-${day}-a.xls`, loadedAt });
  await insertRaw(session, 'prei_invoices', prei.slice(0, 2), {
    file: `landing/prei-${day}-b.xls`,
    loadedAt,
  });
  if (day !== 1) return;
  await loadInvoices(session, INVOICES, loadedAt);
  await insertRaw(
    session,
    'paq_links',
    PAQ.map(([altaN, invoiceN]) => ({ folio: `P-${invoiceN}`, referencia: order(altaN), alta: alta(altaN) })),
    { file: 'landing/paq.xlsx', loadedAt },
  );
}

/** CFDI invoices and their concept lines, loaded at `loadedAt`. */
export async function loadInvoices(
  session: SqlSession,
  invoices: readonly InvoiceSpec[],
  loadedAt: string,
): Promise<void> {
  await insertRaw(
    session,
    'cfdi_invoices',
    invoices.map((spec) => ({
      uuid: spec.n === 2 ? uuid(spec.n).toLowerCase() : uuid(spec.n),
      version: '4.0',
      serie: 'P',
      folio: String(spec.n),
      fecha: `${spec.date}T10:00:00`,
      tipo_comprobante: spec.tipo ?? 'I',
      emisor_rfc: 'AAA010101AAA',
      receptor_rfc: 'IMS421231I45',
      subtotal: spec.total,
      total: spec.total,
      tipo_relacion: spec.relation?.tipo ?? null,
      uuid_relacionado: spec.relation?.uuid ?? null,
    })),
    { file: 'landing/cfdi.zip', loadedAt },
  );
  await insertRaw(
    session,
    'cfdi_concepts',
    invoices.map((spec) => ({
      uuid: uuid(spec.n),
      line_no: 1,
      cantidad: spec.qty,
      descripcion: spaced(spec.clave),
      valor_unitario: '10',
      importe: spec.total,
    })),
    { file: 'landing/cfdi.zip', loadedAt },
  );
}

/** An analyst's decision on alta n and invoice m, logged at `madeAt`. */
export function decide(
  session: SqlSession,
  decision: { id: string; action: string; altaN: number; invoiceN: number; madeAt?: string },
): Promise<void> {
  return session.run(
    `INSERT INTO app.decisions (decision_id, made_at, made_by, action, alta, invoice_uuid)
     VALUES ($1, CAST($2 AS TIMESTAMP), 'analyst', $3, $4, $5)`,
    [
      decision.id,
      decision.madeAt ?? '2025-08-01 12:00:00',
      decision.action,
      alta(decision.altaN),
      uuid(decision.invoiceN),
    ],
  );
}

async function recordDecisions(session: SqlSession): Promise<void> {
  await decide(session, { id: 'D1', action: 'link_manual', altaN: 12, invoiceN: 12 });
  await decide(session, { id: 'D2', action: 'reject_match', altaN: 13, invoiceN: 13 });
}

/**
 * Fills an open warehouse with the crafted world's first two days and builds after each day; returns
 * the second build. The model tests read its data tests; the app's tests (recon/crafted-warehouse.ts)
 * skip them.
 */
export async function loadCraftedWorld(
  session: SqlSession,
  options: { skipTests?: boolean } = {},
): Promise<BuildResult> {
  await createRawTables(session);
  await session.run('CREATE SCHEMA IF NOT EXISTS app');
  await session.run(decisionsTableDdl('duckdb'));
  await recordDecisions(session);
  await loadDay(session, 1);
  await build(session, options);
  await loadDay(session, 2);
  return build(session, options);
}
