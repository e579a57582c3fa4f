import type { SqlSession } from '../../../src/main/warehouse/session';

/**
 * A marts.reconciliation shaped like the real one with `rows` synthetic rows, generated in SQL
 * (range), for the million-row grid test and the grid and export benchmarks. Row i has alta
 * '058001-' || lpad(i, 7, '0'), amount (i % 1000) + 0.25 pesos and a status cycling through four values.
 */
export async function syntheticReconciliation(session: SqlSession, rows: number): Promise<void> {
  await session.run('CREATE SCHEMA IF NOT EXISTS marts');
  await session.run(`CREATE OR REPLACE TABLE marts.reconciliation AS
    SELECT
      'alta:058001-' || lpad(CAST(i AS VARCHAR), 7, '0') AS row_id, 'alta' AS row_kind,
      '058001-' || lpad(CAST(i AS VARCHAR), 7, '0') AS no_alta,
      CAST(40000000 + i AS VARCHAR) AS no_orden, 'U' || (220000 + i % 40) AS no_contrato,
      '010-000-' || lpad(CAST(i % 300 AS VARCHAR), 4, '0') || '-00-00' AS clave,
      CASE WHEN i % 2 = 0 THEN 'PTYCSA' ELSE 'CPI' END AS book,
      DATE '2023-01-01' + CAST(i % 1095 AS INTEGER) AS fecha_alta,
      CAST((i % 50) + 1 AS DECIMAL(18,4)) AS cant_recibida,
      CAST((i % 1000) + 0.25 AS DECIMAL(18,2)) AS alta_amount,
      CAST(NULL AS DECIMAL(18,4)) AS pending_qty, CAST(NULL AS DECIMAL(18,2)) AS pending_amount,
      upper(md5(CAST(i AS VARCHAR))) AS invoice_uuid, 'P-' || i AS invoice_folio,
      DATE '2023-01-03' + CAST(i % 1095 AS INTEGER) AS invoice_date,
      CAST((i % 1000) + 0.25 AS DECIMAL(18,2)) AS invoice_total,
      CAST(0 AS DECIMAL(18,2)) AS credit_notes_total,
      CAST((i % 1000) + 0.25 AS DECIMAL(18,2)) AS invoice_net_amount, false AS invoice_cancelled,
      'paq' AS match_rule, 'Confirmed' AS match_status, CAST(0.99 AS DECIMAL(3,2)) AS match_confidence,
      CAST(NULL AS BIGINT) AS match_candidates,
      lpad(CAST(i AS VARCHAR), 8, '0') AS prei_documento,
      CAST((i % 1000) + 0.25 AS DECIMAL(18,2)) AS prei_amount,
      ['Pagado', 'En proceso', 'Aprobado', 'Sin Contra Recibo'][1 + i % 4] AS prei_estado_cr,
      lpad(CAST(i % 100000 AS VARCHAR), 8, '0') AS contra_recibo, '00058' AS unidad_negocio,
      TIMESTAMP '2023-02-01 09:00:00' + INTERVAL (i % 1095) DAY AS fecha_carga,
      ['Pagado', 'En proceso', 'Aprobado', 'Sin contrarecibo'][1 + i % 4] AS lifecycle_status,
      CAST(NULL AS VARCHAR) AS exception_reason,
      DATE '2023-02-01' + CAST(i % 1095 AS INTEGER) AS status_since, CAST(i % 90 AS INTEGER) AS days_in_status,
      DATE '2023-02-15' + CAST(i % 1095 AS INTEGER) AS expected_payment_date,
      '058001000000' AS clas_ptal_recep, 'ALMACEN DELEGACIONAL' AS desc_unidad,
      'landing/altas.xlsx' AS alta_src_file, i + 1 AS alta_src_row,
      'landing/cfdi.zip' AS invoice_src_file, 'landing/prei.xls' AS prei_src_file
    FROM range(${Math.trunc(rows)}) AS r(i)`);
}
