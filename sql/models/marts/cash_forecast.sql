{{ config(materialized='view') }}
-- Expected collections by week: each unpaid invoiced alta is expected when its paying unit usually
-- pays (median days from PREI upload to Pagado), else on its expected payment date (fpp). Anything
-- already past due is expected in the current week.
WITH as_of AS (
  SELECT as_of_date FROM {{ ref('int_as_of') }}
),
unit_days AS (
  SELECT unidad_negocio,
    CAST(round(median({{ dialect.days_between('fecha_carga', 'status_since') }})) AS INTEGER) AS days_to_pay,
    count(*) AS paid_invoices
  FROM {{ ref('int_prei_current') }}
  WHERE prei_status = 'Pagado' AND fecha_carga IS NOT NULL AND unidad_negocio IS NOT NULL
  GROUP BY unidad_negocio
),
expected AS (
  SELECT rec.alta_amount, rec.unidad_negocio,
    CASE WHEN unit_days.days_to_pay IS NOT NULL AND rec.fecha_carga IS NOT NULL
      THEN {{ dialect.add_days('rec.fecha_carga', 'unit_days.days_to_pay') }}
      ELSE rec.expected_payment_date END AS expected_date,
    CASE WHEN unit_days.days_to_pay IS NOT NULL AND rec.fecha_carga IS NOT NULL
      THEN 'unit_history' ELSE 'fpp' END AS method
  FROM {{ ref('reconciliation') }} AS rec
  LEFT JOIN unit_days ON unit_days.unidad_negocio = rec.unidad_negocio
  WHERE rec.row_kind = 'alta' AND rec.invoice_uuid IS NOT NULL
    AND rec.lifecycle_status IN ('Facturada sin cargar a PREI', 'Sin contrarecibo', 'En proceso', 'Aprobado')
),
weekly AS (
  SELECT alta_amount, method,
    {{ dialect.week_start('CASE WHEN expected_date < (SELECT as_of_date FROM as_of) THEN (SELECT as_of_date FROM as_of) ELSE expected_date END') }} AS week_start,
    expected_date < (SELECT as_of_date FROM as_of) AS overdue
  FROM expected
)
SELECT
  week_start,
  week_start < {{ dialect.add_days(dialect.week_start('(SELECT as_of_date FROM as_of)'), var('forecastWeeks') ~ ' * 7') }} AS within_horizon,
  count(*) AS altas,
  sum(CASE WHEN overdue THEN 1 ELSE 0 END) AS overdue_altas,
  sum(CASE WHEN method = 'unit_history' THEN 1 ELSE 0 END) AS from_unit_history,
  {{ dialect.money('sum(alta_amount)') }} AS amount
FROM weekly
GROUP BY week_start
