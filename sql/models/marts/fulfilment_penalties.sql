{{ config(materialized='view') }}
-- Per order line that can owe a penalty (cancelled orders owe nothing; an order needs a due date):
-- due date, deliveries, lateness and the penalty under the contract's parameters as of the snapshot
-- date. The orders' deliveries and penalties are kept, and refreshed, in int_order_deliveries; the
-- days overdue, which move every day for every undelivered order, are counted when read.
SELECT
  no_orden, no_contrato, clave, estatus, fecha_expedicion, fecha_entrega AS due_date,
  cantidad_solicitada, delivered_qty, on_time_qty, late_qty, undelivered_qty, altas AS deliveries,
  first_alta_date, last_alta_date, max_days_late,
  CASE WHEN undelivered_qty > 0
    THEN greatest({{ dialect.days_between('fecha_entrega', '(SELECT as_of_date FROM ' ~ ref('int_as_of') ~ ')') }}, 0)
    ELSE 0
  END AS days_overdue,
  penalty_rate_per_day, penalty_cap_days, late_delivery_penalty, undelivered_penalty, penalty_amount
FROM {{ ref('int_order_deliveries') }}
WHERE NOT is_cancelled AND fecha_entrega IS NOT NULL
