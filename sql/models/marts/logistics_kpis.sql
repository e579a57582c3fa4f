{{ config(materialized='view') }}
-- Delivery performance per contract (SAI returns only the signed-in supplier's records, so the
-- contract is the provider dimension) and month due: on-time rate, fill rate, mean delay, penalties.
SELECT
  no_contrato,
  {{ dialect.month_start('due_date') }} AS month,
  count(*) AS orders_due,
  sum(CASE WHEN on_time_qty >= cantidad_solicitada THEN 1 ELSE 0 END) AS on_time_orders,
  CAST(round(sum(CASE WHEN on_time_qty >= cantidad_solicitada THEN 1 ELSE 0 END) * 100.0 / count(*), 2) AS DECIMAL(9,2)) AS on_time_rate,
  CAST(round(CASE WHEN sum(cantidad_solicitada) > 0 THEN sum(delivered_qty) * 100 / sum(cantidad_solicitada) END, 2) AS DECIMAL(9,2)) AS fill_rate,
  CAST(round(avg(CASE WHEN deliveries > 0 THEN max_days_late END), 2) AS DECIMAL(9,2)) AS mean_delay_days,
  {{ dialect.money('sum(penalty_amount)') }} AS penalties
FROM {{ ref('fulfilment_penalties') }}
GROUP BY no_contrato, {{ dialect.month_start('due_date') }}
