{{ config(materialized='table') }}
-- One row per alta (and per undelivered order line): the whole chain order -> alta -> invoice ->
-- PREI, the amount at each step, the lifecycle status (exceptions included), how it was matched,
-- how long it has been in its status, when payment is expected, and lineage to the raw files.
WITH as_of AS (
  SELECT as_of_date FROM {{ ref('int_as_of') }}
),
links AS (
  SELECT * FROM {{ ref('int_alta_invoice_links') }}
),
invoice_altas AS (
  SELECT links.invoice_uuid, sum(alta.importe) AS altas_amount
  FROM links JOIN {{ ref('int_altas_current') }} AS alta ON alta.no_alta = links.no_alta
  GROUP BY links.invoice_uuid
),
ambiguous AS (
  SELECT no_alta, max(alta_candidates) AS candidates
  FROM {{ ref('int_match_candidates') }}
  WHERE no_alta NOT IN (SELECT no_alta FROM links)
  GROUP BY no_alta
),
alta_rows AS (
  SELECT
    alta.no_alta, alta.no_orden, alta.no_contrato, alta.clave, alta.book, alta.fecha_alta,
    alta.cant_recibida, alta.importe AS alta_amount, alta.fpp AS expected_payment_date,
    alta.clas_ptal_recep, alta.desc_unidad,
    links.invoice_uuid, links.match_rule, links.match_status, links.confidence AS match_confidence,
    ambiguous.candidates AS match_candidates,
    inv.serie_folio AS invoice_folio, inv.invoice_date, inv.total AS invoice_total,
    inv.credit_notes_total, inv.net_amount AS invoice_net_amount, inv.is_cancelled AS invoice_cancelled,
    prei.documento AS prei_documento, prei.importe AS prei_amount, prei.estado_cr AS prei_estado_cr,
    prei.contra_recibo, prei.unidad_negocio, prei.fecha_carga, prei.cr_withdrawn,
    CASE
      WHEN links.invoice_uuid IS NULL AND ambiguous.no_alta IS NOT NULL THEN 'ambiguous_match'
      WHEN links.invoice_uuid IS NULL THEN NULL
      WHEN inv.is_cancelled THEN 'cancelled_invoice'
      WHEN abs(invoice_altas.altas_amount - inv.total) > {{ var('amountTolerance') }} THEN 'amount_mismatch'
      WHEN prei.uuid IS NULL THEN NULL
      WHEN abs(prei.importe - inv.total) > {{ var('amountTolerance') }} THEN 'prei_amount_mismatch'
      WHEN prei.prei_status IS NULL THEN 'unknown_prei_state'
      WHEN prei.cr_withdrawn THEN 'withdrawn_contrarecibo'
    END AS exception_reason,
    prei.prei_status,
    prei.status_since AS prei_status_since,
    alta._src_file AS alta_src_file, alta._src_row AS alta_src_row,
    inv._src_file AS invoice_src_file, prei._src_file AS prei_src_file
  FROM {{ ref('int_altas_current') }} AS alta
  LEFT JOIN links ON links.no_alta = alta.no_alta
  LEFT JOIN ambiguous ON ambiguous.no_alta = alta.no_alta
  LEFT JOIN {{ ref('int_invoices') }} AS inv ON inv.uuid = links.invoice_uuid
  LEFT JOIN invoice_altas ON invoice_altas.invoice_uuid = links.invoice_uuid
  LEFT JOIN {{ ref('int_prei_current') }} AS prei ON prei.uuid = links.invoice_uuid
),
alta_status AS (
  SELECT *,
    CASE
      WHEN exception_reason = 'ambiguous_match' THEN 'Coincidencia ambigua'
      WHEN invoice_uuid IS NULL THEN 'Por facturar'
      WHEN exception_reason = 'cancelled_invoice' THEN 'Factura cancelada'
      WHEN exception_reason = 'amount_mismatch' THEN 'Diferencia de importe'
      WHEN prei_amount IS NULL THEN 'Facturada sin cargar a PREI'
      WHEN exception_reason = 'prei_amount_mismatch' THEN 'Diferencia de importe'
      WHEN exception_reason = 'unknown_prei_state' THEN 'Estado PREI desconocido'
      ELSE prei_status
    END AS lifecycle_status
  FROM alta_rows
),
undelivered AS (
  SELECT deliveries.*,
    deliveries.cantidad_solicitada - deliveries.delivered_qty AS pending_qty
  FROM {{ ref('int_order_deliveries') }} AS deliveries
  WHERE NOT deliveries.is_cancelled AND deliveries.delivered_qty < deliveries.cantidad_solicitada
)
SELECT
  'alta:' || no_alta AS row_id, 'alta' AS row_kind,
  no_alta, no_orden, no_contrato, clave, book, fecha_alta, cant_recibida, alta_amount,
  CAST(NULL AS DECIMAL(18,4)) AS pending_qty, CAST(NULL AS DECIMAL(18,2)) AS pending_amount,
  invoice_uuid, invoice_folio, invoice_date, invoice_total, credit_notes_total, invoice_net_amount, invoice_cancelled,
  match_rule, match_status, match_confidence, match_candidates,
  prei_documento, prei_amount, prei_estado_cr, contra_recibo, unidad_negocio, fecha_carga,
  lifecycle_status, exception_reason,
  CASE
    WHEN lifecycle_status IN ('Por facturar', 'Coincidencia ambigua') THEN fecha_alta
    WHEN prei_status_since IS NULL THEN invoice_date
    ELSE prei_status_since
  END AS status_since,
  {{ dialect.days_between(
    "CASE WHEN lifecycle_status IN ('Por facturar', 'Coincidencia ambigua') THEN fecha_alta WHEN prei_status_since IS NULL THEN invoice_date ELSE prei_status_since END",
    '(SELECT as_of_date FROM as_of)') }} AS days_in_status,
  expected_payment_date, clas_ptal_recep, desc_unidad,
  alta_src_file, alta_src_row, invoice_src_file, prei_src_file
FROM alta_status
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
