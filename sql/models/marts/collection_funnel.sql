{{ config(materialized='view') }}
-- Every alta peso by month, book and lifecycle status, in funnel order (Por facturar -> Pagado,
-- exceptions after); books and stage order come from reference data.
SELECT
  {{ dialect.month_start('rec.fecha_alta') }} AS month,
  rec.book,
  rec.lifecycle_status,
  status.stage_rank,
  status.is_exception = 1 AS is_exception,
  count(*) AS altas,
  {{ dialect.money('sum(rec.alta_amount)') }} AS amount
FROM {{ ref('reconciliation') }} AS rec
LEFT JOIN {{ seed('lifecycle_statuses') }} AS status ON status.lifecycle_status = rec.lifecycle_status
WHERE rec.row_kind = 'alta'
GROUP BY {{ dialect.month_start('rec.fecha_alta') }}, rec.book, rec.lifecycle_status, status.stage_rank, status.is_exception
