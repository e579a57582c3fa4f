-- Every peso of altas sits in exactly one status bucket: the reconciliation holds each current alta
-- once, and its per-status amounts add up to the altas' total.
WITH altas AS (
  SELECT count(*) AS n, coalesce(sum(importe), 0) AS amount FROM {{ ref('int_altas_current') }}
),
buckets AS (
  SELECT count(*) AS n, coalesce(sum(alta_amount), 0) AS amount
  FROM {{ ref('reconciliation') }}
  WHERE row_kind = 'alta' AND lifecycle_status IS NOT NULL
),
by_status AS (
  SELECT coalesce(sum(amount), 0) AS amount
  FROM (SELECT lifecycle_status, sum(alta_amount) AS amount FROM {{ ref('reconciliation') }}
        WHERE row_kind = 'alta' GROUP BY lifecycle_status) AS statuses
)
SELECT altas.n AS altas, buckets.n AS reconciled, altas.amount AS altas_amount,
  buckets.amount AS reconciled_amount, by_status.amount AS by_status_amount
FROM altas, buckets, by_status
WHERE altas.n <> buckets.n OR altas.amount <> buckets.amount OR altas.amount <> by_status.amount
