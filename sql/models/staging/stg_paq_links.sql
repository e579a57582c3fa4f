{{ config(materialized='incremental', unique_key=['folio', 'no_orden', 'no_alta']) }}
-- The hand-kept PAQ workbook: invoice folio -> order -> alta, one row per distinct link. The folio
-- keeps letters and digits only, so 'P6537', 'P-6537' and 'P-6537 ' are one folio. Incrementally,
-- only the links named by rows loaded since the last build are recomputed (over all their rows).
WITH paq_rows AS (
  SELECT
    {{ dialect.replace_all('upper(folio)', '[^A-Z0-9]', '') }} AS folio,
    nullif(trim(referencia), '') AS no_orden,
    trim(alta) AS no_alta,
    _src_file, _src_row, _loaded_at
  FROM {{ source('raw', 'paq_links') }}
  WHERE nullif(trim(alta), '') IS NOT NULL AND nullif(trim(folio), '') IS NOT NULL
)
SELECT paq_rows.folio, paq_rows.no_orden, paq_rows.no_alta,
  min(paq_rows._src_file) AS _src_file,
  {{ dialect.first_by('paq_rows._src_row', 'paq_rows._src_file', 'paq_rows._src_row') }} AS _src_row,
  max(paq_rows._loaded_at) AS _loaded_at
FROM paq_rows
{% if is_incremental() %}
JOIN (
  SELECT DISTINCT folio, no_alta FROM paq_rows WHERE _loaded_at > (SELECT max(_loaded_at) FROM {{ this }})
) AS touched ON touched.folio = paq_rows.folio AND touched.no_alta = paq_rows.no_alta
{% endif %}
GROUP BY paq_rows.folio, paq_rows.no_orden, paq_rows.no_alta
