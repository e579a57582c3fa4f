{{ config(materialized='table') }}
-- The hand-kept PAQ workbook: invoice folio -> order -> alta, one row per distinct link. The folio
-- keeps letters and digits only, so 'P6537', 'P-6537' and 'P-6537 ' are one folio.
SELECT
  {{ dialect.replace_all('upper(folio)', '[^A-Z0-9]', '') }} AS folio,
  nullif(trim(referencia), '') AS no_orden,
  trim(alta) AS no_alta,
  min(_src_file) AS _src_file,
  min(_src_row) AS _src_row
FROM {{ source('raw', 'paq_links') }}
WHERE nullif(trim(alta), '') IS NOT NULL AND nullif(trim(folio), '') IS NOT NULL
GROUP BY {{ dialect.replace_all('upper(folio)', '[^A-Z0-9]', '') }}, nullif(trim(referencia), ''), trim(alta)
