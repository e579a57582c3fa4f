/**
 * Synthetic raw rows for the build benchmark, shaped like three years of daily syncs: N altas spread
 * over DAYS days; snapshot s (one per day) re-reads the altas, orders and PREI rows of the last
 * WINDOW_DAYS days, as the incremental sync re-reads its recent windows. PREI states move with age
 * (Sin Contra Recibo -> En proceso -> Aprobado -> Pagado; one in twenty stalls in process, one in
 * ninety-seven has its contrarecibo withdrawn), so the status history has a few runs per invoice.
 * Each alta has its order, CFDI invoice (with its concept line), a PREI row (one in ten missing) and
 * a PAQ row (one in ten missing); the CFDI and PAQ rows arrive with the alta's own day.
 */
import type { DuckDbSession } from '../src/main/warehouse/duckdb/session';

export const DAYS = 1095; // three years of alta dates and of daily snapshots
const WINDOW_DAYS = 31; // each daily sync re-reads the last month

export const uuidOf = (i: string) =>
  `upper(substr(md5(CAST(${i} AS VARCHAR)), 1, 8) || '-' || substr(md5(CAST(${i} AS VARCHAR)), 9, 4) || '-4' ||
    substr(md5(CAST(${i} AS VARCHAR)), 14, 3) || '-8' || substr(md5(CAST(${i} AS VARCHAR)), 18, 3) || '-' ||
    substr(md5(CAST(${i} AS VARCHAR)), 21, 12))`;
export const altaOf = (i: string) => `'058001-' || lpad(CAST(${i} AS VARCHAR), 7, '0')`;
/** The day (0..DAYS-1) of alta i's date. */
export const dayOf = (i: string) => `(${i} % ${DAYS})`;

const DAY_ZERO = "DATE '2023-01-01'";
/**
 * One alta in ten has no PAQ row, picked by a hash of its number: `i % 10` would put every gap in
 * 30 of the 300 articles (the clave is i % 300), so each alta left to inference would face about 150
 * identical candidates (the first version of this bench did: 98% of them undecidable twins).
 */
const PAQ_GAP = 'hash(i) % 10 <> 3';

/**
 * Raw rows as the loader leaves them for the snapshot days fromDay..toDay: every alta seen in one of
 * those snapshots (one row per snapshot that shows it), and the CFDI and PAQ rows of altas dated in
 * fromDay..toDay.
 */
export async function generate(
  session: DuckDbSession,
  n: number,
  fromDay: number,
  toDay: number,
): Promise<void> {
  // One row per alta and snapshot that shows it: snapshot s holds the altas dated s-30..s.
  const seen = `SELECT i, ${dayOf('i')} AS day, s, s - ${dayOf('i')} AS age,
      ${DAY_ZERO} + CAST(${dayOf('i')} AS INTEGER) AS fecha_alta, ${DAY_ZERO} + CAST(s AS INTEGER) AS snapshot_date,
      ${DAY_ZERO} + CAST(s AS INTEGER) + INTERVAL 7 HOUR AS loaded_at,
      (i % 50) + 1 AS qty, '010-000-' || lpad(CAST(i % 300 AS VARCHAR), 4, '0') || '-00-00' AS clave, ${uuidOf('i')} AS uuid
    FROM range(${n}) AS r(i), range(${WINDOW_DAYS}) AS w(k), LATERAL (SELECT ${dayOf('i')} + k AS s)
    WHERE s BETWEEN ${fromDay} AND ${toDay}`;
  await session.run(`INSERT INTO raw.sai_altas BY NAME
    SELECT ${altaOf('i')} AS no_alta, fecha_alta, 'U' || (220000 + i % 40) AS no_contrato,
      CAST(40000000 + i AS VARCHAR) AS no_orden, clave, qty AS cant_recibida, qty * 12.50 AS importe,
      '058001000000' AS clas_ptal_recep, 'ALMACEN' AS desc_unidad, snapshot_date,
      'landing/altas-' || s || '.xlsx' AS _src_file, i + 1 AS _src_row, 'altas-' || s AS _stage_key, loaded_at AS _loaded_at
    FROM (${seen}) ORDER BY s`);
  await session.run(`INSERT INTO raw.sai_orders BY NAME
    SELECT 'U' || (220000 + i % 40) AS contrato, CAST(40000000 + i AS VARCHAR) AS orden, clave AS cve_articulo,
      fecha_alta - 20 AS fecha_expedicion, CASE WHEN age < 3 THEN 'Pendiente' ELSE 'Atendida' END AS estatus,
      fecha_alta + CAST(3 - i % 7 AS INTEGER) AS fecha_entrega,
      qty + (i % 3) AS cantidad_solicitada, 12.50 AS precio, (qty + (i % 3)) * 12.50 AS importe_sin_iva,
      snapshot_date, 'landing/orders-' || s || '.xlsx' AS _src_file, i + 1 AS _src_row,
      'orders-' || s AS _stage_key, loaded_at AS _loaded_at
    FROM (${seen}) ORDER BY s`);
  // PREI shows an invoice from five days after its alta; its state moves with age.
  await session.run(`INSERT INTO raw.prei_invoices BY NAME
    SELECT lpad(CAST(i AS VARCHAR), 8, '0') AS documento, CASE WHEN i % 7 = 0 THEN lower(uuid) ELSE uuid END AS folio_fiscal,
      CAST(fecha_alta + CAST(i % 5 AS INTEGER) AS TIMESTAMP) AS fecha_factura, qty * 12.50 AS importe,
      CAST(fecha_alta + 5 AS TIMESTAMP) AS fecha_carga,
      CASE WHEN state = 'Sin Contra Recibo' THEN ' ' ELSE lpad(CAST(i % 38 AS VARCHAR), 5, '0') END AS unidad_negocio,
      CASE WHEN state = 'Sin Contra Recibo' THEN ' ' ELSE lpad(CAST(i % 90000 AS VARCHAR), 8, '0') END AS contra_recibo,
      state AS estado_cr, snapshot_date - 30 AS query_from, snapshot_date AS query_to, snapshot_date,
      'landing/prei-' || s || '.xls' AS _src_file, i + 1 AS _src_row, 'prei-' || s AS _stage_key, loaded_at AS _loaded_at
    FROM (
      SELECT *, CASE
          WHEN age < 12 OR (i % 97 = 0 AND age >= 20) THEN 'Sin Contra Recibo'
          WHEN age < 20 OR i % 20 = 0 THEN 'En proceso'
          WHEN age < 25 THEN 'Aprobado'
          ELSE 'Pagado' END AS state
      FROM (${seen}) WHERE i % 10 <> 0 AND age >= 5
    ) ORDER BY s`);
  const arrived = `SELECT i, ${DAY_ZERO} + CAST(${dayOf('i')} AS INTEGER) AS fecha_alta, (i % 50) + 1 AS qty,
      '010-000-' || lpad(CAST(i % 300 AS VARCHAR), 4, '0') || '-00-00' AS clave, ${uuidOf('i')} AS uuid,
      ${DAY_ZERO} + CAST(${dayOf('i')} AS INTEGER) + INTERVAL 7 HOUR AS loaded_at
    FROM range(${n}) AS r(i) WHERE ${dayOf('i')} BETWEEN ${fromDay} AND ${toDay}`;
  await session.run(`INSERT INTO raw.cfdi_invoices BY NAME
    SELECT uuid, '4.0' AS version, 'P' AS serie, CAST(i AS VARCHAR) AS folio, CAST(fecha_alta + CAST(i % 5 AS INTEGER) AS TIMESTAMP) AS fecha,
      'I' AS tipo_comprobante, 'AAA010101AAA' AS emisor_rfc, 'IMS421231I45' AS receptor_rfc,
      qty * 12.50 AS subtotal, qty * 12.50 AS total, 'landing/cfdi-' || ${dayOf('i')} || '.zip' AS _src_file, i + 1 AS _src_row,
      'cfdi-' || ${dayOf('i')} AS _stage_key, loaded_at AS _loaded_at
    FROM (${arrived})`);
  await session.run(`INSERT INTO raw.cfdi_concepts BY NAME
    SELECT uuid, 1 AS line_no, qty AS cantidad, replace(clave, '-', ' ') || ' MEDICAMENTO' AS descripcion,
      12.50 AS valor_unitario, qty * 12.50 AS importe, 'landing/cfdi-' || ${dayOf('i')} || '.zip' AS _src_file, i + 1 AS _src_row,
      'cfdi-' || ${dayOf('i')} AS _stage_key, loaded_at AS _loaded_at
    FROM (${arrived})`);
  await session.run(`INSERT INTO raw.paq_links BY NAME
    SELECT 'P-' || i AS folio, CAST(40000000 + i AS VARCHAR) AS referencia, ${altaOf('i')} AS alta,
      'landing/paq.xlsx' AS _src_file, i + 1 AS _src_row, 'paq-' || ${dayOf('i')} AS _stage_key, loaded_at AS _loaded_at
    FROM (${arrived}) WHERE ${PAQ_GAP}`);
}
