{{ config(materialized='incremental', unique_key=['clave', 'cant_recibida']) }}
{% import "macros/merge.sql" as merge with context %}
-- Inferred alta -> invoice candidates for altas and invoices that no decision or PAQ row links:
-- same article, same quantity, amounts within tolerance, invoice to the institute dated inside the
-- window around the alta. The window is cut into buckets as wide as itself, so an alta's window
-- spans its own bucket and the next one: two equi-joins instead of a join on the article alone.
-- date_rank orders an alta's candidates: invoices on or after the alta by how soon they follow it,
-- then invoices dated before it.
-- A candidate never crosses an (article, quantity) partition, and neither does the inference that
-- reads them (int_inferred_links), so both are kept per partition: _inputs_digest is a digest of
-- everything a partition's candidates are computed from (its unlinked altas and invoices, the pairs
-- analysts rejected). Incrementally, only partitions whose digest moved are computed again and
-- replaced whole; a partition left without candidates keeps only its tombstone (_deleted).
{% set window_days = var('matchWindowDaysBefore') ~ ' + ' ~ var('matchWindowDaysAfter') ~ ' + 1' %}
WITH strong AS (
  SELECT no_alta, invoice_uuid FROM {{ ref('int_strong_links') }}
),
{# Unlinked altas and invoices by anti-joins written as LEFT JOIN ... IS NULL: NOT IN plans a mark join. #}
altas AS (
  SELECT alta.no_alta, alta.clave, alta.cant_recibida, alta.importe, alta.fecha_alta,
    CAST(floor(({{ dialect.epoch_days('alta.fecha_alta') }} - {{ var('matchWindowDaysBefore') }}) / ({{ window_days }})) AS BIGINT) AS bucket
  FROM {{ ref('int_altas_current') }} AS alta
  LEFT JOIN strong ON strong.no_alta = alta.no_alta
  WHERE strong.no_alta IS NULL
),
invoices AS (
  SELECT inv.uuid, inv.clave, inv.cantidad, inv.total, inv.invoice_date, inv.fecha,
    CAST(floor(inv.invoice_epoch_day / ({{ window_days }})) AS BIGINT) AS bucket
  FROM {{ ref('int_invoices') }} AS inv
  LEFT JOIN strong ON strong.invoice_uuid = inv.uuid
  WHERE NOT inv.is_cancelled AND inv.is_for_customer AND inv.clave IS NOT NULL AND strong.invoice_uuid IS NULL
),
rejected AS (
  SELECT no_alta, invoice_uuid FROM {{ ref('int_decisions_latest') }} WHERE action = 'reject_match'
),
partition_inputs AS (
  SELECT clave, cant_recibida,
    {{ dialect.row_digest("'alta', no_alta, importe, fecha_alta") }} AS inputs_digest
  FROM altas GROUP BY clave, cant_recibida
  UNION ALL
  SELECT clave, cantidad, {{ dialect.row_digest("'invoice', uuid, total, invoice_date, fecha") }}
  FROM invoices GROUP BY clave, cantidad
  UNION ALL
  SELECT altas.clave, altas.cant_recibida, {{ dialect.row_digest("'rejected', rejected.no_alta, rejected.invoice_uuid") }}
  FROM rejected JOIN altas ON altas.no_alta = rejected.no_alta
  GROUP BY altas.clave, altas.cant_recibida
),
partitions AS (
  SELECT clave, cant_recibida, {{ dialect.row_digest('inputs_digest') }} AS inputs_digest
  FROM partition_inputs
  WHERE clave IS NOT NULL AND cant_recibida IS NOT NULL
  GROUP BY clave, cant_recibida
),
{% if is_incremental() %}
changed AS (
  {{ merge.changed_partitions('(SELECT clave, cant_recibida, inputs_digest AS _inputs_digest FROM partitions)', this) }}
),
{% endif %}
{# Only the partitions to compute again are paired: filtered before the join, not after it. #}
altas_to_pair AS (
  SELECT * FROM altas
  {% if is_incremental() %}
  WHERE {{ merge.in_changed_partition('altas', 'cant_recibida') }}
  {% endif %}
),
invoices_to_pair AS (
  SELECT * FROM invoices
  {% if is_incremental() %}
  WHERE {{ merge.in_changed_partition('invoices', 'cantidad') }}
  {% endif %}
),
paired AS (
  SELECT altas.no_alta, invoices.uuid AS invoice_uuid, altas.clave, altas.cant_recibida, altas.importe,
    altas.fecha_alta, invoices.invoice_date, invoices.fecha, invoices.total
  FROM altas_to_pair AS altas JOIN invoices_to_pair AS invoices
    ON invoices.clave = altas.clave AND invoices.cantidad = altas.cant_recibida AND invoices.bucket = altas.bucket
  UNION ALL
  SELECT altas.no_alta, invoices.uuid, altas.clave, altas.cant_recibida, altas.importe,
    altas.fecha_alta, invoices.invoice_date, invoices.fecha, invoices.total
  FROM altas_to_pair AS altas JOIN invoices_to_pair AS invoices
    ON invoices.clave = altas.clave AND invoices.cantidad = altas.cant_recibida AND invoices.bucket = altas.bucket + 1
),
candidates AS (
  SELECT paired.*,
    {{ dialect.days_between('paired.fecha_alta', 'paired.invoice_date') }} AS lag_days
  FROM paired
  LEFT JOIN rejected
    ON rejected.no_alta = paired.no_alta AND rejected.invoice_uuid = paired.invoice_uuid
  WHERE abs(paired.importe - paired.total) <= {{ var('amountTolerance') }}
    AND paired.invoice_date >= {{ dialect.add_days('paired.fecha_alta', '-' ~ var('matchWindowDaysBefore')) }}
    AND paired.invoice_date <= {{ dialect.add_days('paired.fecha_alta', var('matchWindowDaysAfter')) }}
    AND rejected.no_alta IS NULL
)
-- Counted by hash aggregates joined back: window functions would sort every candidate twice.
, per_alta AS (
  SELECT no_alta, count(*) AS alta_candidates FROM candidates GROUP BY no_alta
),
per_invoice AS (
  SELECT invoice_uuid, count(*) AS invoice_candidates FROM candidates GROUP BY invoice_uuid
),
found AS (
  SELECT candidates.no_alta, candidates.invoice_uuid, candidates.clave, candidates.cant_recibida, importe, fecha_alta, invoice_date, fecha, lag_days,
    CASE WHEN lag_days >= 0 THEN lag_days ELSE {{ var('matchWindowDaysAfter') }} + 1 - lag_days END AS date_rank,
    per_alta.alta_candidates,
    per_invoice.invoice_candidates,
    partitions.inputs_digest AS _inputs_digest
  FROM candidates
  JOIN per_alta ON per_alta.no_alta = candidates.no_alta
  JOIN per_invoice ON per_invoice.invoice_uuid = candidates.invoice_uuid
  JOIN partitions ON partitions.clave = candidates.clave AND partitions.cant_recibida = candidates.cant_recibida
)
{{ merge.with_tombstones('found', 'clave, cant_recibida', 'changed', is_incremental()) }}
