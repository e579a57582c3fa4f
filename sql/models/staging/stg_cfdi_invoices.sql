{{ config(materialized='incremental', unique_key=['uuid']) }}
-- One row per stamped CFDI (income, credit note or payment complement), UUIDs upper-cased. A CFDI
-- read again replaces its row; incrementally only files loaded since the last build are read.
SELECT
  {{ dialect.uuid_norm('uuid') }} AS uuid,
  trim(version) AS version,
  nullif(trim(serie), '') AS serie,
  nullif(trim(folio), '') AS folio,
  upper(coalesce(nullif(trim(serie), '') || '-', '') || trim(folio)) AS serie_folio,
  fecha,
  CAST(fecha AS DATE) AS invoice_date,
  upper(trim(tipo_comprobante)) AS tipo_comprobante,
  upper(trim(emisor_rfc)) AS emisor_rfc,
  upper(trim(receptor_rfc)) AS receptor_rfc,
  subtotal,
  descuento,
  total,
  nullif(trim(tipo_relacion), '') AS tipo_relacion,
  nullif({{ dialect.uuid_norm('uuid_relacionado') }}, '') AS uuid_relacionado,
  _src_file,
  _src_row,
  _loaded_at
FROM {{ source('raw', 'cfdi_invoices') }}
{% if is_incremental() %}
WHERE _loaded_at > (SELECT max(_loaded_at) FROM {{ this }})
{% endif %}
{{ dialect.first_per(dialect.uuid_norm('uuid'), '_loaded_at DESC, _src_file DESC') }}
