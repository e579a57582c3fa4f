{{ config(materialized='incremental', unique_key=['folio', 'no_orden', 'no_alta']) }}
-- The hand-kept PAQ workbook: invoice folio -> order -> alta, one row per distinct link. The folio
-- keeps letters and digits only, so 'P6537', 'P-6537' and 'P-6537 ' are one folio. A link's lineage is
-- its first copy (smallest file, then row); _loaded_at its latest. Incrementally, rows loaded since the
-- last build are folded into the stored rows of the links they repeat: the stored row already sums up
-- every older copy, so the raw table is not read again.
{% set folio_key = dialect.replace_all('upper(folio)', '[^A-Z0-9]', '') %}
{% set since %}_loaded_at > (SELECT max(_loaded_at) FROM {{ this }}){% endset %}
WITH paq_rows AS (
  SELECT
    {{ folio_key }} AS folio,
    nullif(trim(referencia), '') AS no_orden,
    trim(alta) AS no_alta,
    _src_file, _src_row, _loaded_at
  FROM {{ source('raw', 'paq_links') }}
  WHERE nullif(trim(alta), '') IS NOT NULL AND nullif(trim(folio), '') IS NOT NULL
  {% if is_incremental() %}
  AND {{ since }}
  UNION ALL
  SELECT stored.folio, stored.no_orden, stored.no_alta, stored._src_file, stored._src_row, stored._loaded_at
  FROM {{ this }} AS stored
  WHERE (stored.folio, stored.no_alta) IN (
    SELECT {{ folio_key }}, trim(alta) FROM {{ source('raw', 'paq_links') }}
    WHERE {{ since }}
  )
  {% endif %}
)
SELECT folio, no_orden, no_alta,
  min(_src_file) AS _src_file,
  {{ dialect.first_by('_src_row', '_src_file', '_src_row') }} AS _src_row,
  max(_loaded_at) AS _loaded_at
FROM paq_rows
GROUP BY folio, no_orden, no_alta
