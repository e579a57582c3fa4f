-- Order -> altas (1:N): what each order line received, when, how late against its due date, and
-- the penalty it owes under its contract's parameters (seeds.contract_terms, else the default vars)
-- as of the snapshot date: rate x late value x days late, days capped; undelivered quantity counts as
-- late until the as-of date. Altas are summed per order first, so the join to the orders is one row
-- to one row. marts.fulfilment_penalties shows the orders that can owe (not cancelled, with a due date).
-- Incrementally, only the orders that moved are recomputed: order lines loaded since the last build,
-- and orders whose altas changed, found by a digest of what is read of each alta (a new, re-read or
-- moved alta changes the digest of its order, or of the order it left). The undelivered quantity's
-- penalty moves with the as-of date: the post hook refreshes it in place.
{% set alta_digest = dialect.row_digest('alta.no_alta, alta.cant_recibida, alta.importe, alta.fecha_alta') %}
{% set as_of %}(SELECT as_of_date FROM {{ ref('int_as_of') }}){% endset %}
{#
  Days overdue grow with the as-of date for every undelivered order, its penalty only until they
  reach the cap: so the days are left to marts.fulfilment_penalties (computed when read) and the
  post hook writes the penalty only where the days charged (capped) moved.
#}
{% set penalty_days %}least(greatest(coalesce({{ dialect.days_between('fecha_entrega', as_of) }}, 0), 0), penalty_cap_days){% endset %}
{% set undelivered_cost = 'undelivered_qty * precio * penalty_rate_per_day * ' ~ penalty_days %}
{% set undelivered_penalty = dialect.money(undelivered_cost) %}
{% set penalty_amount = dialect.money('late_penalty + ' ~ undelivered_cost) %}
{% set refresh_penalties %}
UPDATE {{ this }} SET penalty_days = {{ penalty_days }}, undelivered_penalty = {{ undelivered_penalty }}, penalty_amount = {{ penalty_amount }}
WHERE undelivered_qty > 0 AND penalty_days IS DISTINCT FROM {{ penalty_days }}
{% endset %}
{{ config(materialized='incremental', unique_key=['no_orden'], post_hook=refresh_penalties) }}
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
),
order_rows AS (
  SELECT
    ord.no_orden, ord.no_contrato, ord.clave, ord.estatus, ord.is_cancelled, ord.fecha_expedicion,
    ord.fecha_entrega, ord.cantidad_solicitada, ord.precio, ord.importe_sin_iva,
    coalesce(delivered.altas, 0) AS altas,
    {{ dialect.quantity('coalesce(delivered.delivered_qty, 0)') }} AS delivered_qty,
    {{ dialect.money('coalesce(delivered.delivered_amount, 0)') }} AS delivered_amount,
    {{ dialect.quantity('coalesce(delivered.on_time_qty, 0)') }} AS on_time_qty,
    delivered.first_alta_date,
    delivered.last_alta_date,
    coalesce(delivered.max_days_late, 0) AS max_days_late,
    {{ dialect.quantity('coalesce(delivered.late_qty, 0)') }} AS late_qty,
    coalesce(delivered.late_penalty, 0) AS late_penalty,
    ord.penalty_rate_per_day, ord.penalty_cap_days,
    ord._src_file, ord._src_row, ord._loaded_at,
    delivered.altas_digest AS _altas_digest
  FROM orders AS ord
  LEFT JOIN delivered ON delivered.no_orden = ord.no_orden
),
with_undelivered AS (
  SELECT *, {{ dialect.quantity('greatest(cantidad_solicitada - delivered_qty, 0)') }} AS undelivered_qty FROM order_rows
)
SELECT
  no_orden, no_contrato, clave, estatus, is_cancelled, fecha_expedicion, fecha_entrega,
  cantidad_solicitada, precio, importe_sin_iva, altas, delivered_qty, delivered_amount, on_time_qty,
  first_alta_date, last_alta_date, max_days_late, late_qty, undelivered_qty,
  penalty_rate_per_day, penalty_cap_days, late_penalty,
  CASE WHEN undelivered_qty > 0 THEN {{ penalty_days }} ELSE 0 END AS penalty_days,
  {{ dialect.money('late_penalty') }} AS late_delivery_penalty,
  {{ undelivered_penalty }} AS undelivered_penalty,
  {{ penalty_amount }} AS penalty_amount,
  _src_file, _src_row, _loaded_at, _altas_digest
FROM with_undelivered
