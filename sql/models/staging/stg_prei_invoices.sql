{{ config(materialized='incremental', unique_key=['uuid', 'snapshot_date']) }}
-- One row per PREI invoice and snapshot. The UUID is upper-cased (PREI and the CFDI may differ in
-- case); a blank CR or unit is NULL, never a space. An invoice uploaded twice keeps its first upload
-- (the lowest documento): PREI rejects the later one.
SELECT
  {{ dialect.uuid_norm('folio_fiscal') }} AS uuid,
  trim(documento) AS documento,
  fecha_factura,
  importe,
  fecha_carga,
  nullif(trim(unidad_negocio), '') AS unidad_negocio,
  nullif(trim(contra_recibo), '') AS contra_recibo,
  trim(estado_cr) AS estado_cr,
  snapshot_date,
  _src_file,
  _src_row,
  _stage_key,
  _loaded_at
FROM {{ source('raw', 'prei_invoices') }}
{% if is_incremental() %}
WHERE _loaded_at > (SELECT max(_loaded_at) FROM {{ this }})
{% endif %}
{{ dialect.first_per(dialect.uuid_norm('folio_fiscal') ~ ', snapshot_date', '_loaded_at DESC, query_to DESC, trim(documento), _src_file DESC, _src_row DESC') }}
