{{ config(materialized='incremental', unique_key=['uuid', 'line_no']) }}
-- One row per concept line. The article key is read from the description, which starts with the
-- clave written with spaces ('010 000 4411 00 00 ...'), and rewritten as SAI writes it (010-000-4411-00-00).
SELECT
  {{ dialect.uuid_norm('uuid') }} AS uuid,
  line_no,
  cantidad,
  valor_unitario,
  importe,
  trim(descripcion) AS descripcion,
  {{ dialect.replace_all(dialect.regex_match('trim(descripcion)', '^[0-9]{3} +[0-9]{3} +[0-9]{4} +[0-9]{2} +[0-9]{2}'), ' +', '-') }} AS clave,
  _src_file,
  _src_row,
  _loaded_at
FROM {{ source('raw', 'cfdi_concepts') }}
{% if is_incremental() %}
WHERE _loaded_at > (SELECT max(_loaded_at) FROM {{ this }})
{% endif %}
{{ dialect.first_per(dialect.uuid_norm('uuid') ~ ', line_no', '_loaded_at DESC, _src_file DESC') }}
