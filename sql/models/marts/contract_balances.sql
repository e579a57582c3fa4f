{{ config(materialized='view') }}
-- Per contract: ceiling (seeds.contract_terms: no raw dataset carries it), ordered, delivered,
-- invoiced, paid, remaining, percent used, and when the ceiling runs out at the recent ordering rate.
WITH as_of AS (
  SELECT as_of_date FROM {{ ref('int_as_of') }}
),
ordered AS (
  SELECT no_contrato,
    sum(importe_sin_iva) AS ordered_amount,
    sum(CASE WHEN fecha_expedicion > {{ dialect.add_days('(SELECT as_of_date FROM as_of)', '-' ~ var('contractRateWindowDays')) }}
      THEN importe_sin_iva ELSE 0 END) AS recent_ordered_amount
  FROM {{ ref('int_orders_current') }}
  WHERE NOT is_cancelled
  GROUP BY no_contrato
),
delivered AS (
  SELECT no_contrato,
    sum(alta_amount) AS delivered_amount,
    sum(CASE WHEN invoice_uuid IS NOT NULL AND NOT invoice_cancelled THEN alta_amount ELSE 0 END) AS invoiced_amount,
    sum(CASE WHEN lifecycle_status = 'Pagado' THEN alta_amount ELSE 0 END) AS paid_amount
  FROM {{ ref('reconciliation') }}
  WHERE row_kind = 'alta'
  GROUP BY no_contrato
),
contracts AS (
  SELECT no_contrato FROM ordered
  UNION
  SELECT no_contrato FROM delivered
  UNION
  SELECT no_contrato FROM {{ seed('contract_terms') }}
),
balances AS (
  SELECT
    contracts.no_contrato,
    terms.ceiling_amount,
    {{ dialect.money('coalesce(ordered.ordered_amount, 0)') }} AS ordered_amount,
    {{ dialect.money('coalesce(delivered.delivered_amount, 0)') }} AS delivered_amount,
    {{ dialect.money('coalesce(delivered.invoiced_amount, 0)') }} AS invoiced_amount,
    {{ dialect.money('coalesce(delivered.paid_amount, 0)') }} AS paid_amount,
    {{ dialect.money('terms.ceiling_amount - coalesce(ordered.ordered_amount, 0)') }} AS remaining_amount,
    coalesce(ordered.recent_ordered_amount, 0) / {{ var('contractRateWindowDays') }} AS daily_order_rate
  FROM contracts
  LEFT JOIN ordered ON ordered.no_contrato = contracts.no_contrato
  LEFT JOIN delivered ON delivered.no_contrato = contracts.no_contrato
  LEFT JOIN {{ seed('contract_terms') }} AS terms ON terms.no_contrato = contracts.no_contrato
)
SELECT
  no_contrato, ceiling_amount, ordered_amount, delivered_amount, invoiced_amount, paid_amount, remaining_amount,
  CASE WHEN ceiling_amount > 0 THEN CAST(round(ordered_amount * 100 / ceiling_amount, 2) AS DECIMAL(9,2)) END AS percent_used,
  CASE
    WHEN remaining_amount <= 0 THEN (SELECT as_of_date FROM as_of)
    WHEN daily_order_rate > 0 THEN {{ dialect.add_days('(SELECT as_of_date FROM as_of)', 'ceil(remaining_amount / daily_order_rate)') }}
  END AS projected_exhaustion_date
FROM balances
