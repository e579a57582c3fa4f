{{ config(materialized='table') }}
-- Per order line (cancelled orders owe nothing): due date, deliveries, lateness and the penalty under
-- the contract's parameters (seeds.contract_terms, else the default vars), as of the snapshot date:
-- rate x late value x days late, days capped; undelivered quantity counts as late until the as-of date.
WITH as_of AS (
  SELECT as_of_date FROM {{ ref('int_as_of') }}
),
orders AS (
  SELECT deliveries.*,
    coalesce(contract.penalty_rate_per_day, {{ var('defaultPenaltyRatePerDay') }}) AS rate,
    coalesce(contract.penalty_cap_days, {{ var('defaultPenaltyCapDays') }}) AS cap_days
  FROM {{ ref('int_order_deliveries') }} AS deliveries
  LEFT JOIN {{ seed('contract_terms') }} AS contract ON contract.no_contrato = deliveries.no_contrato
  WHERE NOT deliveries.is_cancelled AND deliveries.fecha_entrega IS NOT NULL
),
late_altas AS (
  SELECT alta.no_orden,
    max({{ dialect.days_between('orders.fecha_entrega', 'alta.fecha_alta') }}) AS max_days_late,
    sum(alta.importe * orders.rate * least({{ dialect.days_between('orders.fecha_entrega', 'alta.fecha_alta') }}, orders.cap_days)) AS late_penalty,
    sum(alta.cant_recibida) AS late_qty
  FROM {{ ref('int_altas_current') }} AS alta
  JOIN orders ON orders.no_orden = alta.no_orden
  WHERE alta.fecha_alta > orders.fecha_entrega
  GROUP BY alta.no_orden
),
evaluated AS (
  SELECT orders.*,
    greatest(orders.cantidad_solicitada - orders.delivered_qty, 0) AS undelivered_qty,
    greatest({{ dialect.days_between('orders.fecha_entrega', '(SELECT as_of_date FROM as_of)') }}, 0) AS days_overdue,
    coalesce(late_altas.max_days_late, 0) AS max_days_late,
    coalesce(late_altas.late_qty, 0) AS late_qty,
    coalesce(late_altas.late_penalty, 0) AS late_penalty
  FROM orders
  LEFT JOIN late_altas ON late_altas.no_orden = orders.no_orden
)
SELECT
  no_orden, no_contrato, clave, estatus, fecha_expedicion, fecha_entrega AS due_date,
  cantidad_solicitada, delivered_qty, on_time_qty, late_qty, undelivered_qty, altas AS deliveries,
  first_alta_date, last_alta_date, max_days_late,
  CASE WHEN undelivered_qty > 0 THEN days_overdue ELSE 0 END AS days_overdue,
  rate AS penalty_rate_per_day, cap_days AS penalty_cap_days,
  {{ dialect.money('late_penalty') }} AS late_delivery_penalty,
  {{ dialect.money('undelivered_qty * precio * rate * least(days_overdue, cap_days)') }} AS undelivered_penalty,
  {{ dialect.money('late_penalty + undelivered_qty * precio * rate * least(days_overdue, cap_days)') }} AS penalty_amount
FROM evaluated
