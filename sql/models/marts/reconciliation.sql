{{ config(materialized='view') }}
-- One row per alta (and per undelivered order line): the whole chain order -> alta -> invoice ->
-- PREI, the amount at each step, the lifecycle status (exceptions included), how it was matched,
-- how long it has been in its status, when payment is expected, and lineage to the raw files.
-- A view over the stored chain (int_alta_chain) and order deliveries: the days in status move with
-- the as-of date for every row, so they are computed when read rather than rewritten every day.
WITH as_of AS (
  SELECT as_of_date FROM {{ ref('int_as_of') }}
),
undelivered AS (
  SELECT deliveries.*,
    deliveries.cantidad_solicitada - deliveries.delivered_qty AS pending_qty
  FROM {{ ref('int_order_deliveries') }} AS deliveries
  WHERE NOT deliveries.is_cancelled AND deliveries.delivered_qty < deliveries.cantidad_solicitada
)
SELECT
  row_id, 'alta' AS row_kind,
  no_alta, no_orden, no_contrato, clave, book, fecha_alta, cant_recibida, alta_amount,
  CAST(NULL AS DECIMAL(18,4)) AS pending_qty, CAST(NULL AS DECIMAL(18,2)) AS pending_amount,
  invoice_uuid, invoice_folio, invoice_date, invoice_total, credit_notes_total, invoice_net_amount, invoice_cancelled,
  match_rule, match_status, match_confidence, match_candidates,
  prei_documento, prei_amount, prei_estado_cr, contra_recibo, unidad_negocio, fecha_carga,
  lifecycle_status, exception_reason, status_since,
  {{ dialect.days_between('status_since', '(SELECT as_of_date FROM as_of)') }} AS days_in_status,
  expected_payment_date, clas_ptal_recep, desc_unidad,
  alta_src_file, alta_src_row, invoice_src_file, prei_src_file
FROM {{ ref('int_alta_chain') }}
UNION ALL
SELECT
  'orden:' || und.no_orden, 'undelivered_order',
  NULL, und.no_orden, und.no_contrato, und.clave, book.book, NULL, NULL, NULL,
  und.pending_qty, {{ dialect.money('und.pending_qty * und.precio') }},
  NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  NULL, NULL, NULL, NULL,
  NULL, NULL, NULL, NULL, NULL, NULL,
  'Por entregar', NULL,
  und.fecha_expedicion,
  {{ dialect.days_between('und.fecha_expedicion', '(SELECT as_of_date FROM as_of)') }},
  NULL, NULL, NULL,
  und._src_file, und._src_row, NULL, NULL
FROM undelivered AS und
LEFT JOIN {{ seed('books') }} AS book
  ON und.fecha_expedicion >= book.valid_from AND und.fecha_expedicion < book.valid_until
