{% set as_of %}(SELECT as_of_date FROM {{ ref('int_as_of') }}){% endset %}
{% set days_in_status = dialect.days_between('status_since', as_of) %}
{% set refresh_days %}UPDATE {{ this }} SET days_in_status = {{ days_in_status }} WHERE days_in_status IS DISTINCT FROM {{ days_in_status }}{% endset %}
{{ config(materialized='incremental', unique_key=['row_id'], post_hook=refresh_days) }}
{% import "macros/merge.sql" as merge with context %}
-- One row per alta (and per undelivered order line): the whole chain order -> alta -> invoice ->
-- PREI, the amount at each step, the lifecycle status (exceptions included), how it was matched,
-- how long it has been in its status, when payment is expected, and lineage to the raw files.
-- Kept incrementally. Alta rows recomputed: altas loaded since the last build; altas whose link or
-- candidate count differs from the stored one (new PAQ rows, decisions, inference); and every alta
-- of an invoice that one of those names, or that a CFDI or PREI row loaded since names, since the
-- invoice's altas total decides amount_mismatch for each of them. Order rows recomputed: orders whose
-- deliveries were written again (another load or digest of their altas); one now delivered or
-- cancelled leaves a tombstone (_deleted). days_in_status moves with the as-of date for every row:
-- the post hook refreshes it in place, one integer column, instead of the rows being written again.
{% set since %}_loaded_at > (SELECT max(_loaded_at) FROM {{ this }} WHERE row_kind = 'alta'){% endset %}
{# An order line still owed a delivery: the one rule for which orders get a row. #}
{% macro pending(orders) %}NOT {{ orders }}.is_cancelled AND {{ orders }}.delivered_qty < {{ orders }}.cantidad_solicitada{% endmacro %}
WITH links AS (
  SELECT * FROM {{ ref('int_alta_invoice_links') }}
),
{# Candidates are only ever altas without a strong link: the inferred links are all they can have. #}
ambiguous AS (
  SELECT cand.no_alta, max(cand.alta_candidates) AS candidates
  FROM {{ ref('int_match_candidates') }} AS cand
  LEFT JOIN {{ ref('int_inferred_links') }} AS inferred ON inferred.no_alta = cand.no_alta
  WHERE inferred.no_alta IS NULL
  GROUP BY cand.no_alta
),
{% if is_incremental() %}
match_now AS (
  SELECT no_alta, invoice_uuid, match_rule, CAST(NULL AS BIGINT) AS candidates FROM links
  UNION ALL
  SELECT no_alta, NULL, NULL, candidates FROM ambiguous
),
{# One join on the key, not EXCEPT both ways: a third of the time over a million altas. #}
moved AS (
  SELECT coalesce(now.no_alta, stored.no_alta) AS no_alta, now.invoice_uuid, stored.invoice_uuid AS stored_invoice_uuid
  FROM match_now AS now
  FULL JOIN (
    SELECT no_alta, invoice_uuid, match_rule, match_candidates FROM {{ this }}
    WHERE row_kind = 'alta' AND (invoice_uuid IS NOT NULL OR match_candidates IS NOT NULL)
  ) AS stored ON stored.no_alta = now.no_alta
  WHERE now.no_alta IS NULL OR stored.no_alta IS NULL
    OR now.invoice_uuid IS DISTINCT FROM stored.invoice_uuid
    OR now.match_rule IS DISTINCT FROM stored.match_rule
    OR now.candidates IS DISTINCT FROM stored.match_candidates
),
loaded_altas AS (
  SELECT no_alta FROM {{ ref('int_altas_current') }} WHERE {{ since }}
),
touched_invoices AS (
  SELECT invoice_uuid FROM moved WHERE invoice_uuid IS NOT NULL
  UNION
  SELECT stored_invoice_uuid FROM moved WHERE stored_invoice_uuid IS NOT NULL
  UNION
  SELECT invoice_uuid FROM links WHERE no_alta IN (SELECT no_alta FROM loaded_altas)
  UNION
  SELECT uuid FROM {{ ref('int_invoices') }} WHERE {{ since }}
  UNION
  SELECT uuid FROM {{ ref('stg_prei_status_history') }} WHERE {{ since }}
),
touched AS (
  SELECT no_alta FROM moved
  UNION
  SELECT no_alta FROM loaded_altas
  UNION
  SELECT no_alta FROM links WHERE invoice_uuid IN (SELECT invoice_uuid FROM touched_invoices)
),
{% endif %}
altas AS (
  SELECT * FROM {{ ref('int_altas_current') }}
  {% if is_incremental() %}WHERE no_alta IN (SELECT no_alta FROM touched){% endif %}
),
{% if is_incremental() %}
linked_invoices AS (
  SELECT invoice_uuid FROM links WHERE no_alta IN (SELECT no_alta FROM touched)
),
{% endif %}
invoice_altas AS (
  SELECT links.invoice_uuid, sum(alta.importe) AS altas_amount
  FROM links JOIN {{ ref('int_altas_current') }} AS alta ON alta.no_alta = links.no_alta
  {% if is_incremental() %}WHERE links.invoice_uuid IN (SELECT invoice_uuid FROM linked_invoices){% endif %}
  GROUP BY links.invoice_uuid
),
invoices AS (
  SELECT * FROM {{ ref('int_invoices') }}
  {% if is_incremental() %}WHERE uuid IN (SELECT invoice_uuid FROM linked_invoices){% endif %}
),
prei AS (
  SELECT * FROM {{ ref('int_prei_current') }}
  {% if is_incremental() %}WHERE uuid IN (SELECT invoice_uuid FROM linked_invoices){% endif %}
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
    inv._src_file AS invoice_src_file, prei._src_file AS prei_src_file,
    greatest(alta._loaded_at, coalesce(inv._loaded_at, alta._loaded_at), coalesce(prei._loaded_at, alta._loaded_at)) AS _loaded_at
  FROM altas AS alta
  LEFT JOIN links ON links.no_alta = alta.no_alta
  LEFT JOIN ambiguous ON ambiguous.no_alta = alta.no_alta
  LEFT JOIN invoices AS inv ON inv.uuid = links.invoice_uuid
  LEFT JOIN invoice_altas ON invoice_altas.invoice_uuid = links.invoice_uuid
  LEFT JOIN prei ON prei.uuid = links.invoice_uuid
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
{% if is_incremental() %}
{# Orders whose deliveries were written again since (another load, or another digest of their altas). #}
moved_orders AS (
  SELECT now.no_orden, now.no_contrato, now.clave, now.is_cancelled, now.fecha_expedicion,
    now.cantidad_solicitada, now.delivered_qty, now.precio, now._src_file, now._src_row, now._loaded_at, now._altas_digest
  FROM {{ ref('int_order_deliveries') }} AS now
  LEFT JOIN (
    SELECT no_orden, _loaded_at, _altas_digest FROM {{ this }} WHERE row_kind = 'undelivered_order'
  ) AS stored ON stored.no_orden = now.no_orden
  WHERE CASE WHEN stored.no_orden IS NULL
    THEN {{ pending('now') }}
    ELSE now._loaded_at IS DISTINCT FROM stored._loaded_at OR now._altas_digest IS DISTINCT FROM stored._altas_digest
  END
),
{% endif %}
undelivered AS (
  SELECT deliveries.*,
    deliveries.cantidad_solicitada - deliveries.delivered_qty AS pending_qty
  FROM {% if is_incremental() %}moved_orders{% else %}{{ ref('int_order_deliveries') }}{% endif %} AS deliveries
  WHERE {{ pending('deliveries') }}
),
reconciled AS (
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
    expected_payment_date, clas_ptal_recep, desc_unidad,
    alta_src_file, alta_src_row, invoice_src_file, prei_src_file,
    _loaded_at, NULL AS _altas_digest
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
    NULL, NULL, NULL,
    und._src_file, und._src_row, NULL, NULL,
    und._loaded_at, und._altas_digest
  FROM undelivered AS und
  LEFT JOIN {{ seed('books') }} AS book
    ON und.fecha_expedicion >= book.valid_from AND und.fecha_expedicion < book.valid_until
),
with_days AS (
  SELECT
    row_id, row_kind, no_alta, no_orden, no_contrato, clave, book, fecha_alta, cant_recibida, alta_amount,
    pending_qty, pending_amount,
    invoice_uuid, invoice_folio, invoice_date, invoice_total, credit_notes_total, invoice_net_amount, invoice_cancelled,
    match_rule, match_status, match_confidence, match_candidates,
    prei_documento, prei_amount, prei_estado_cr, contra_recibo, unidad_negocio, fecha_carga,
    lifecycle_status, exception_reason, status_since,
    {{ days_in_status }} AS days_in_status,
    expected_payment_date, clas_ptal_recep, desc_unidad,
    alta_src_file, alta_src_row, invoice_src_file, prei_src_file, _loaded_at, _altas_digest
  FROM reconciled
)
{{ merge.with_tombstones('with_days', "'orden:' || no_orden AS row_id", 'moved_orders WHERE no_orden NOT IN (SELECT no_orden FROM undelivered)', is_incremental()) }}
