{{ config(materialized='view') }}
-- What is still to collect, by month of the alta, receiving unit and status (paid altas excluded).
SELECT
  {{ dialect.month_start('fecha_alta') }} AS month,
  book,
  clas_ptal_recep,
  min(desc_unidad) AS desc_unidad,
  lifecycle_status,
  count(*) AS altas,
  {{ dialect.money('sum(alta_amount)') }} AS amount
FROM {{ ref('reconciliation') }}
WHERE row_kind = 'alta' AND lifecycle_status <> 'Pagado'
GROUP BY {{ dialect.month_start('fecha_alta') }}, book, clas_ptal_recep, lifecycle_status
