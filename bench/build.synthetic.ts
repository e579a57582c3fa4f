/**
 * Synthetic raw rows for the build benchmark: N altas over three years, each with its order, CFDI
 * invoice, PREI row (one in ten missing) and PAQ row (one in ten missing), loaded as the loader leaves
 * them; every later daily snapshot re-reads the last month of altas, orders and PREI rows.
 */
import type { DuckDbSession } from '../src/main/warehouse/duckdb/session';

export const DAYS = 1095; // three years of alta dates
const WINDOW_DAYS = 31; // each daily sync re-reads the last month of altas

export const uuidOf = (i: string) =>
  `upper(substr(md5(CAST(${i} AS VARCHAR)), 1, 8) || '-' || substr(md5(CAST(${i} AS VARCHAR)), 9, 4) || '-4' ||
    substr(md5(CAST(${i} AS VARCHAR)), 14, 3) || '-8' || substr(md5(CAST(${i} AS VARCHAR)), 18, 3) || '-' ||
    substr(md5(CAST(${i} AS VARCHAR)), 21, 12))`;
export const altaOf = (i: string) => `'058001-' || lpad(CAST(${i} AS VARCHAR), 7, '0')`;

/** Raw rows for `n` altas as the loader leaves them, for snapshot days from..to (CFDI and PAQ once). */
export async function generate(
  session: DuckDbSession,
  n: number,
  fromDay: number,
  toDay: number,
): Promise<void> {
  const snapshot = (s: number) => `DATE '2026-01-01' + ${s}`;
  const base = `SELECT i, DATE '2023-01-01' + CAST(i % ${DAYS} AS INTEGER) AS fecha_alta, (i % 50) + 1 AS qty,
      '010-000-' || lpad(CAST(i % 300 AS VARCHAR), 4, '0') || '-00-00' AS clave, ${uuidOf('i')} AS uuid
    FROM range(${n}) AS r(i)`;
  const window = (s: number) =>
    s === 0 ? 'TRUE' : `fecha_alta >= DATE '2023-01-01' + ${DAYS - WINDOW_DAYS}`;
  for (let s = fromDay; s <= toDay; s++) {
    const loaded = `TIMESTAMP '2026-01-01 07:00:00' + INTERVAL (${s}) DAY`;
    await session.run(`INSERT INTO raw.sai_altas BY NAME
      SELECT ${altaOf('i')} AS no_alta, fecha_alta, 'U' || (220000 + i % 40) AS no_contrato,
        CAST(40000000 + i AS VARCHAR) AS no_orden, clave, qty AS cant_recibida, qty * 12.50 AS importe,
        '058001000000' AS clas_ptal_recep, 'ALMACEN' AS desc_unidad, ${snapshot(s)} AS snapshot_date,
        'landing/altas-' || ${s} || '.xlsx' AS _src_file, i + 1 AS _src_row, 'altas-' || ${s} AS _stage_key, ${loaded} AS _loaded_at
      FROM (${base}) WHERE ${window(s)}`);
    await session.run(`INSERT INTO raw.sai_orders BY NAME
      SELECT 'U' || (220000 + i % 40) AS contrato, CAST(40000000 + i AS VARCHAR) AS orden, clave AS cve_articulo,
        fecha_alta - 20 AS fecha_expedicion, 'Pendiente' AS estatus, fecha_alta + CAST(3 - i % 7 AS INTEGER) AS fecha_entrega,
        qty + (i % 3) AS cantidad_solicitada, 12.50 AS precio, (qty + (i % 3)) * 12.50 AS importe_sin_iva,
        ${snapshot(s)} AS snapshot_date, 'landing/orders-' || ${s} || '.xlsx' AS _src_file, i + 1 AS _src_row,
        'orders-' || ${s} AS _stage_key, ${loaded} AS _loaded_at
      FROM (${base}) WHERE ${window(s)}`);
    await session.run(`INSERT INTO raw.prei_invoices BY NAME
      SELECT lpad(CAST(i AS VARCHAR), 8, '0') AS documento, CASE WHEN i % 7 = 0 THEN lower(uuid) ELSE uuid END AS folio_fiscal,
        CAST(fecha_alta + CAST(i % 5 AS INTEGER) AS TIMESTAMP) AS fecha_factura, qty * 12.50 AS importe,
        CAST(fecha_alta + 20 AS TIMESTAMP) AS fecha_carga,
        CASE WHEN (i + ${s}) % 4 = 0 THEN ' ' ELSE lpad(CAST(i % 38 AS VARCHAR), 5, '0') END AS unidad_negocio,
        CASE WHEN (i + ${s}) % 4 = 0 THEN ' ' ELSE lpad(CAST(i % 90000 AS VARCHAR), 8, '0') END AS contra_recibo,
        CASE WHEN i % 20 <> 0 THEN 'Pagado'
          ELSE ['Sin Contra Recibo', 'En proceso', 'Aprobado', 'Pagado'][1 + (i + ${s}) % 4] END AS estado_cr,
        DATE '2023-01-01' AS query_from, DATE '2026-12-31' AS query_to, ${snapshot(s)} AS snapshot_date,
        'landing/prei-' || ${s} || '.xls' AS _src_file, i + 1 AS _src_row, 'prei-' || ${s} AS _stage_key, ${loaded} AS _loaded_at
      FROM (${base}) WHERE i % 10 <> 0 AND ${window(s)}`);
  }
  if (fromDay !== 0) return;
  const loaded = "TIMESTAMP '2026-01-01 07:00:00'";
  await session.run(`INSERT INTO raw.cfdi_invoices BY NAME
    SELECT uuid, '4.0' AS version, 'P' AS serie, CAST(i AS VARCHAR) AS folio, CAST(fecha_alta + CAST(i % 5 AS INTEGER) AS TIMESTAMP) AS fecha,
      'I' AS tipo_comprobante, 'AAA010101AAA' AS emisor_rfc, 'IMS421231I45' AS receptor_rfc,
      qty * 12.50 AS subtotal, qty * 12.50 AS total, 'landing/cfdi.zip' AS _src_file, i + 1 AS _src_row,
      'cfdi' AS _stage_key, ${loaded} AS _loaded_at
    FROM (${base})`);
  await session.run(`INSERT INTO raw.cfdi_concepts BY NAME
    SELECT uuid, 1 AS line_no, qty AS cantidad, replace(clave, '-', ' ') || ' MEDICAMENTO' AS descripcion,
      12.50 AS valor_unitario, qty * 12.50 AS importe, 'landing/cfdi.zip' AS _src_file, i + 1 AS _src_row,
      'cfdi' AS _stage_key, ${loaded} AS _loaded_at
    FROM (${base})`);
  await session.run(`INSERT INTO raw.paq_links BY NAME
    SELECT 'P-' || i AS folio, CAST(40000000 + i AS VARCHAR) AS referencia, ${altaOf('i')} AS alta,
      'landing/paq.xlsx' AS _src_file, i + 1 AS _src_row, 'paq' AS _stage_key, ${loaded} AS _loaded_at
    FROM range(${n}) AS r(i) WHERE i % 10 <> 3`);
}
