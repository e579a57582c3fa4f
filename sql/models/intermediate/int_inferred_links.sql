{{ config(materialized='incremental', unique_key=['clave', 'cant_recibida']) }}
{% import "macros/merge.sql" as merge with context %}
-- One-to-one links among the inferred candidates. First, in rounds, the pairs that are each other's
-- nearest candidate (by date_rank) link, so an alta never invoiced does not take its twin's invoice;
-- exact ties (same article, quantity, amount, alta date and invoice date) pair in order. Linked altas
-- and invoices leave the next round; what no round links stays ambiguous. Then, among identical
-- altas (same article, quantity and amount) linked that way, the k-th earliest alta takes the k-th
-- earliest invoice: over the same altas and invoices every pairing has the same total delay, so no
-- pairing is strictly better and the files cannot tell them apart; date order is the one-to-one
-- assignment an analyst would make. A group keeps its nearest-date pairs if date order would leave
-- the window.
-- Everything here stays inside one (article, quantity) partition, so links are kept per partition with
-- the digest of the candidates' inputs they were computed from; incrementally, only partitions whose
-- candidates carry another digest are linked again, and replaced whole (_deleted: a tombstone).
{% set rounds = var('tieBreakRounds') | int %}
WITH
{% if is_incremental() %}
changed AS (
  {{ merge.changed_partitions('(SELECT DISTINCT clave, cant_recibida, _inputs_digest FROM ' ~ ref('int_match_candidates') ~ ')', this) }}
),
{% endif %}
candidates AS (
  SELECT * FROM {{ ref('int_match_candidates') }} AS candidate
  {% if is_incremental() %}
  WHERE {{ merge.in_changed_partition('candidate', 'cant_recibida') }}
  {% endif %}
),
partitions AS (
  SELECT DISTINCT clave, cant_recibida, _inputs_digest FROM candidates
),
linked_0 AS (
  SELECT no_alta, invoice_uuid FROM candidates WHERE 1 = 0
)
{% for round in range(1, rounds + 1) %}
, best_{{ round }} AS (
  SELECT *,
    min(date_rank) OVER (PARTITION BY no_alta) AS alta_best,
    min(date_rank) OVER (PARTITION BY invoice_uuid) AS invoice_best
  FROM candidates
  WHERE no_alta NOT IN (SELECT no_alta FROM linked_{{ round - 1 }})
    AND invoice_uuid NOT IN (SELECT invoice_uuid FROM linked_{{ round - 1 }})
),
mutual_{{ round }} AS (
  SELECT no_alta, invoice_uuid,
    dense_rank() OVER (PARTITION BY clave, cant_recibida, importe, fecha_alta, invoice_date ORDER BY no_alta) AS alta_order,
    dense_rank() OVER (PARTITION BY clave, cant_recibida, importe, fecha_alta, invoice_date ORDER BY fecha, invoice_uuid) AS invoice_order
  FROM best_{{ round }}
  WHERE date_rank = alta_best AND date_rank = invoice_best
),
linked_{{ round }} AS (
  SELECT * FROM linked_{{ round - 1 }}
  UNION ALL
  SELECT no_alta, invoice_uuid FROM mutual_{{ round }} WHERE alta_order = invoice_order
)
{% endfor %}
, linked AS (
  SELECT linked.no_alta, linked.invoice_uuid, candidates.clave, candidates.cant_recibida,
    candidates.importe, candidates.fecha_alta, candidates.invoice_date, candidates.fecha, candidates.lag_days,
    candidates.alta_candidates = 1 AND candidates.invoice_candidates = 1 AS is_unique
  FROM linked_{{ rounds }} AS linked
  JOIN candidates ON candidates.no_alta = linked.no_alta AND candidates.invoice_uuid = linked.invoice_uuid
),
twins AS (
  SELECT *, count(*) OVER (PARTITION BY clave, cant_recibida, importe) AS group_links
  FROM linked WHERE NOT is_unique
),
altas_in_order AS (
  SELECT no_alta, clave, cant_recibida, importe, fecha_alta,
    row_number() OVER (PARTITION BY clave, cant_recibida, importe ORDER BY fecha_alta, no_alta) AS position
  FROM twins WHERE group_links > 1
),
invoices_in_order AS (
  SELECT invoice_uuid, clave, cant_recibida, importe, invoice_date,
    row_number() OVER (PARTITION BY clave, cant_recibida, importe ORDER BY fecha, invoice_uuid) AS position
  FROM twins WHERE group_links > 1
),
in_order AS (
  SELECT alta.no_alta, inv.invoice_uuid, alta.clave, alta.cant_recibida, alta.importe,
    {{ dialect.days_between('alta.fecha_alta', 'inv.invoice_date') }} AS lag_days
  FROM altas_in_order AS alta
  JOIN invoices_in_order AS inv
    ON inv.clave = alta.clave AND inv.cant_recibida = alta.cant_recibida AND inv.importe = alta.importe
    AND inv.position = alta.position
),
groups_in_window AS (
  SELECT clave, cant_recibida, importe
  FROM in_order
  GROUP BY clave, cant_recibida, importe
  HAVING min(lag_days) >= -{{ var('matchWindowDaysBefore') }} AND max(lag_days) <= {{ var('matchWindowDaysAfter') }}
),
found AS (
  SELECT no_alta, invoice_uuid, lag_days, 'amount_qty_clave_window' AS match_rule, clave, cant_recibida
  FROM linked WHERE is_unique
  UNION ALL
  SELECT twins.no_alta, twins.invoice_uuid, twins.lag_days, 'nearest_date', twins.clave, twins.cant_recibida
  FROM twins
  LEFT JOIN groups_in_window AS grp
    ON grp.clave = twins.clave AND grp.cant_recibida = twins.cant_recibida AND grp.importe = twins.importe
  WHERE twins.group_links = 1 OR grp.clave IS NULL
  UNION ALL
  SELECT in_order.no_alta, in_order.invoice_uuid, in_order.lag_days, 'date_order', in_order.clave, in_order.cant_recibida
  FROM in_order
  JOIN groups_in_window AS grp
    ON grp.clave = in_order.clave AND grp.cant_recibida = in_order.cant_recibida AND grp.importe = in_order.importe
),
stamped AS (
  SELECT found.*, partitions._inputs_digest
  FROM found
  JOIN partitions ON partitions.clave = found.clave AND partitions.cant_recibida = found.cant_recibida
)
{{ merge.with_tombstones('stamped', 'clave, cant_recibida', 'changed', is_incremental()) }}
