{{ config(materialized='view') }}
-- Per order line (cancelled orders owe nothing): due date, deliveries, lateness and the penalty under
-- the contract's parameters (seeds.contract_terms, else the default vars), as of the snapshot date:
-- rate x late value x days late, days capped; undelivered quantity counts as late until the as-of date.
-- A view: what moves with the as-of date is computed when read, over the stored order deliveries.
WITH as_of AS (
  SELECT as_of_date FROM {{ ref('int_as_of') }}
),
evaluated AS (
  SELECT deliveries.*,
    greatest(deliveries.cantidad_solicitada - deliveries.delivered_qty, 0) AS undelivered_qty,
    greatest({{ dialect.days_between('deliveries.fecha_entrega', '(SELECT as_of_date FROM as_of)') }}, 0) AS days_overdue
  FROM {{ ref('int_order_deliveries') }} AS deliveries
  WHERE NOT deliveries.is_cancelled AND deliveries.fecha_entrega IS NOT NULL
)
SELECT
  no_orden, no_contrato, clave, estatus, fecha_expedicion, fecha_entrega AS due_date,
  cantidad_solicitada, delivered_qty, on_time_qty, late_qty, undelivered_qty, altas AS deliveries,
  first_alta_date, last_alta_date, max_days_late,
  CASE WHEN undelivered_qty > 0 THEN days_overdue ELSE 0 END AS days_overdue,
  penalty_rate_per_day, penalty_cap_days,
  {{ dialect.money('late_penalty') }} AS late_delivery_penalty,
  {{ dialect.money('undelivered_qty * precio * penalty_rate_per_day * least(days_overdue, penalty_cap_days)') }} AS undelivered_penalty,
  {{ dialect.money('late_penalty + undelivered_qty * precio * penalty_rate_per_day * least(days_overdue, penalty_cap_days)') }} AS penalty_amount
FROM evaluated
