{{ config(materialized='table') }}
-- Inferred alta -> invoice candidates for altas and invoices that no decision or PAQ row links:
-- same article, same quantity, amounts within tolerance, invoice to the institute dated inside the
-- window around the alta. The window is cut into buckets as wide as itself, so an alta's window
-- spans its own bucket and the next one: two equi-joins instead of a join on the article alone.
-- date_rank orders an alta's candidates: invoices on or after the alta by how soon they follow it,
-- then invoices dated before it.
{% set window_days = var('matchWindowDaysBefore') ~ ' + ' ~ var('matchWindowDaysAfter') ~ ' + 1' %}
WITH strong AS (
  SELECT no_alta, invoice_uuid FROM {{ ref('int_strong_links') }}
),
altas AS (
  SELECT no_alta, clave, cant_recibida, importe, fecha_alta,
    CAST(floor(({{ dialect.epoch_days('fecha_alta') }} - {{ var('matchWindowDaysBefore') }}) / ({{ window_days }})) AS BIGINT) AS bucket
  FROM {{ ref('int_altas_current') }}
  WHERE no_alta NOT IN (SELECT no_alta FROM strong)
),
invoices AS (
  SELECT uuid, clave, cantidad, total, invoice_date, fecha,
    CAST(floor(invoice_epoch_day / ({{ window_days }})) AS BIGINT) AS bucket
  FROM {{ ref('int_invoices') }}
  WHERE NOT is_cancelled AND is_for_customer AND clave IS NOT NULL
    AND uuid NOT IN (SELECT invoice_uuid FROM strong)
),
paired AS (
  SELECT altas.no_alta, invoices.uuid AS invoice_uuid, altas.clave, altas.cant_recibida, altas.importe,
    altas.fecha_alta, invoices.invoice_date, invoices.fecha, invoices.total
  FROM altas JOIN invoices
    ON invoices.clave = altas.clave AND invoices.cantidad = altas.cant_recibida AND invoices.bucket = altas.bucket
  UNION ALL
  SELECT altas.no_alta, invoices.uuid, altas.clave, altas.cant_recibida, altas.importe,
    altas.fecha_alta, invoices.invoice_date, invoices.fecha, invoices.total
  FROM altas JOIN invoices
    ON invoices.clave = altas.clave AND invoices.cantidad = altas.cant_recibida AND invoices.bucket = altas.bucket + 1
),
candidates AS (
  SELECT paired.*,
    {{ dialect.days_between('paired.fecha_alta', 'paired.invoice_date') }} AS lag_days
  FROM paired
  LEFT JOIN {{ ref('int_decisions_latest') }} AS decision
    ON decision.no_alta = paired.no_alta AND decision.invoice_uuid = paired.invoice_uuid AND decision.action = 'reject_match'
  WHERE abs(paired.importe - paired.total) <= {{ var('amountTolerance') }}
    AND paired.invoice_date >= {{ dialect.add_days('paired.fecha_alta', '-' ~ var('matchWindowDaysBefore')) }}
    AND paired.invoice_date <= {{ dialect.add_days('paired.fecha_alta', var('matchWindowDaysAfter')) }}
    AND decision.no_alta IS NULL
)
-- Counted by hash aggregates joined back: window functions would sort every candidate twice.
, per_alta AS (
  SELECT no_alta, count(*) AS alta_candidates FROM candidates GROUP BY no_alta
),
per_invoice AS (
  SELECT invoice_uuid, count(*) AS invoice_candidates FROM candidates GROUP BY invoice_uuid
)
SELECT candidates.no_alta, candidates.invoice_uuid, clave, cant_recibida, importe, fecha_alta, invoice_date, fecha, lag_days,
  CASE WHEN lag_days >= 0 THEN lag_days ELSE {{ var('matchWindowDaysAfter') }} + 1 - lag_days END AS date_rank,
  per_alta.alta_candidates,
  per_invoice.invoice_candidates
FROM candidates
JOIN per_alta ON per_alta.no_alta = candidates.no_alta
JOIN per_invoice ON per_invoice.invoice_uuid = candidates.invoice_uuid
