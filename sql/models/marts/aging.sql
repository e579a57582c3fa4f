{{ config(materialized='view') }}
-- Unpaid altas by days past their expected payment date, in the buckets of seeds.aging_buckets.
WITH as_of AS (
  SELECT as_of_date FROM {{ ref('int_as_of') }}
),
open_altas AS (
  SELECT lifecycle_status, book, alta_amount,
    {{ dialect.days_between('expected_payment_date', '(SELECT as_of_date FROM as_of)') }} AS days_past_due
  FROM {{ ref('reconciliation') }}
  WHERE row_kind = 'alta' AND lifecycle_status <> 'Pagado'
)
SELECT
  bucket.bucket, bucket.sort_order, open_altas.lifecycle_status, open_altas.book,
  count(*) AS altas,
  {{ dialect.money('sum(open_altas.alta_amount)') }} AS amount
FROM open_altas
JOIN {{ seed('aging_buckets') }} AS bucket
  ON open_altas.days_past_due BETWEEN bucket.min_days_past_due AND bucket.max_days_past_due
GROUP BY bucket.bucket, bucket.sort_order, open_altas.lifecycle_status, open_altas.book
