{{ config(materialized='incremental', unique_key=['no_orden']) }}
-- Order -> altas (1:N): what each order line received, when, how late against its due date, and the
-- penalty parameters of its contract (seeds.contract_terms, else the default vars). Altas are summed
-- per order first, so the join to the orders is one row to one row. Nothing here depends on the
-- as-of date: marts.fulfilment_penalties and marts.reconciliation add that when they are read.
-- Incrementally, only the orders that moved are recomputed: order lines loaded since the last build,
-- and orders whose altas changed, found by a digest of what is read of each alta (a new, re-read or
-- moved alta changes the digest of its order, or of the order it left).
{% set alta_digest = dialect.row_digest('alta.no_alta, alta.cant_recibida, alta.importe, alta.fecha_alta') %}
WITH
{% if is_incremental() %}
alta_digests AS (
  SELECT alta.no_orden, {{ alta_digest }} AS altas_digest
  FROM {{ ref('int_altas_current') }} AS alta
  GROUP BY alta.no_orden
),
touched AS (
  SELECT no_orden FROM {{ ref('int_orders_current') }} WHERE _loaded_at > (SELECT max(_loaded_at) FROM {{ this }})
  UNION
  SELECT coalesce(now.no_orden, known.no_orden)
  FROM alta_digests AS now
  FULL JOIN {{ this }} AS known ON known.no_orden = now.no_orden
  WHERE now.altas_digest IS DISTINCT FROM known._altas_digest
),
{% endif %}
orders AS (
  SELECT ord.*,
    coalesce(contract.penalty_rate_per_day, {{ var('defaultPenaltyRatePerDay') }}) AS penalty_rate_per_day,
    coalesce(contract.penalty_cap_days, {{ var('defaultPenaltyCapDays') }}) AS penalty_cap_days
  FROM {{ ref('int_orders_current') }} AS ord
  LEFT JOIN {{ seed('contract_terms') }} AS contract ON contract.no_contrato = ord.no_contrato
  {% if is_incremental() %}WHERE ord.no_orden IN (SELECT no_orden FROM touched){% endif %}
),
delivered AS (
  SELECT alta.no_orden,
    count(*) AS altas,
    sum(alta.cant_recibida) AS delivered_qty,
    sum(alta.importe) AS delivered_amount,
    sum(CASE WHEN alta.fecha_alta <= ord.fecha_entrega THEN alta.cant_recibida END) AS on_time_qty,
    min(alta.fecha_alta) AS first_alta_date,
    max(alta.fecha_alta) AS last_alta_date,
    max(CASE WHEN alta.fecha_alta > ord.fecha_entrega THEN {{ dialect.days_between('ord.fecha_entrega', 'alta.fecha_alta') }} END) AS max_days_late,
    sum(CASE WHEN alta.fecha_alta > ord.fecha_entrega THEN alta.cant_recibida END) AS late_qty,
    sum(CASE WHEN alta.fecha_alta > ord.fecha_entrega
      THEN alta.importe * ord.penalty_rate_per_day * least({{ dialect.days_between('ord.fecha_entrega', 'alta.fecha_alta') }}, ord.penalty_cap_days) END) AS late_penalty,
    {{ alta_digest }} AS altas_digest
  FROM {{ ref('int_altas_current') }} AS alta
  JOIN orders AS ord ON ord.no_orden = alta.no_orden
  GROUP BY alta.no_orden
)
SELECT
  ord.no_orden, ord.no_contrato, ord.clave, ord.estatus, ord.is_cancelled, ord.fecha_expedicion,
  ord.fecha_entrega, ord.cantidad_solicitada, ord.precio, ord.importe_sin_iva,
  coalesce(delivered.altas, 0) AS altas,
  coalesce(delivered.delivered_qty, 0) AS delivered_qty,
  {{ dialect.money('coalesce(delivered.delivered_amount, 0)') }} AS delivered_amount,
  coalesce(delivered.on_time_qty, 0) AS on_time_qty,
  delivered.first_alta_date,
  delivered.last_alta_date,
  coalesce(delivered.max_days_late, 0) AS max_days_late,
  coalesce(delivered.late_qty, 0) AS late_qty,
  coalesce(delivered.late_penalty, 0) AS late_penalty,
  ord.penalty_rate_per_day, ord.penalty_cap_days,
  ord._src_file, ord._src_row, ord._loaded_at,
  delivered.altas_digest AS _altas_digest
FROM orders AS ord
LEFT JOIN delivered ON delivered.no_orden = ord.no_orden
