{{ config(materialized='table') }}
-- The hand-kept PAQ workbook: invoice folio -> order -> alta, one row per distinct link.
SELECT
  upper(replace(trim(folio), ' ', '')) AS folio,
  nullif(trim(referencia), '') AS no_orden,
  trim(alta) AS no_alta,
  min(_src_file) AS _src_file,
  min(_src_row) AS _src_row
FROM {{ source('raw', 'paq_links') }}
WHERE nullif(trim(alta), '') IS NOT NULL AND nullif(trim(folio), '') IS NOT NULL
GROUP BY upper(replace(trim(folio), ' ', '')), nullif(trim(referencia), ''), trim(alta)
