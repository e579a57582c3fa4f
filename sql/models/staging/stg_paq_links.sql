{{ config(materialized='incremental', unique_key=['folio', 'no_orden', 'no_alta']) }}
-- The hand-kept PAQ workbook: invoice folio -> order -> alta, one row per distinct link. The folio
-- keeps letters and digits only, so 'P6537', 'P-6537' and 'P-6537 ' are one folio. Incrementally,
-- only the altas named by rows loaded since the last build have their links recomputed (over all
-- their rows).
WITH paq_rows AS (
  SELECT
    {{ dialect.replace_all('upper(folio)', '[^A-Z0-9]', '') }} AS folio,
    nullif(trim(referencia), '') AS no_orden,
    trim(alta) AS no_alta,
    _src_file, _src_row, _loaded_at
  FROM {{ source('raw', 'paq_links') }}
  WHERE nullif(trim(alta), '') IS NOT NULL AND nullif(trim(folio), '') IS NOT NULL
  {% if is_incremental() %}
  AND trim(alta) IN (
    SELECT trim(alta) FROM {{ source('raw', 'paq_links') }} WHERE _loaded_at > (SELECT max(_loaded_at) FROM {{ this }})
  )
  {% endif %}
)
SELECT folio, no_orden, no_alta,
  min(_src_file) AS _src_file,
  {{ dialect.first_by('_src_row', '_src_file', '_src_row') }} AS _src_row,
  max(_loaded_at) AS _loaded_at
FROM paq_rows
GROUP BY folio, no_orden, no_alta
