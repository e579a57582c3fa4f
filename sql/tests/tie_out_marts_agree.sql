-- The marts' totals agree: funnel = all altas, contract balances' delivered = all altas,
-- receivables = aging = unpaid altas.
WITH rec AS (
  SELECT
    coalesce(sum(alta_amount), 0) AS altas_amount,
    coalesce(sum(CASE WHEN lifecycle_status <> 'Pagado' THEN alta_amount END), 0) AS unpaid_amount
  FROM {{ ref('reconciliation') }}
  WHERE row_kind = 'alta'
),
totals AS (
  SELECT 'collection_funnel' AS mart, coalesce(sum(amount), 0) AS amount, 'altas_amount' AS against
  FROM {{ ref('collection_funnel') }}
  UNION ALL
  SELECT 'contract_balances', coalesce(sum(delivered_amount), 0), 'altas_amount' FROM {{ ref('contract_balances') }}
  UNION ALL
  SELECT 'receivables', coalesce(sum(amount), 0), 'unpaid_amount' FROM {{ ref('receivables') }}
  UNION ALL
  SELECT 'aging', coalesce(sum(amount), 0), 'unpaid_amount' FROM {{ ref('aging') }}
)
SELECT totals.mart, totals.amount, rec.altas_amount, rec.unpaid_amount
FROM totals CROSS JOIN rec
WHERE totals.amount <> CASE WHEN totals.against = 'altas_amount' THEN rec.altas_amount ELSE rec.unpaid_amount END
