{{ config(materialized='incremental', unique_key=['orden', 'snapshot_date']) }}
-- One row per order line and snapshot (an order carries one article), duplicates removed.
SELECT
  trim(orden) AS orden,
  trim(contrato) AS contrato,
  nullif(trim(solicitud), '') AS solicitud,
  nullif(trim(generacion), '') AS generacion,
  trim(cve_articulo) AS cve_articulo,
  fecha_expedicion,
  nullif(trim(lugar_entrega), '') AS lugar_entrega,
  nullif(trim(descripcion_entrega), '') AS descripcion_entrega,
  nullif(trim(destino_final), '') AS destino_final,
  trim(estatus) AS estatus,
  fecha_entrega,
  cantidad_solicitada,
  precio,
  importe_sin_iva,
  snapshot_date,
  _src_file,
  _src_row,
  _stage_key,
  _loaded_at
FROM {{ source('raw', 'sai_orders') }}
{% if is_incremental() %}
WHERE _loaded_at > (SELECT max(_loaded_at) FROM {{ this }})
{% endif %}
{{ dialect.first_per('trim(orden), snapshot_date', '_loaded_at DESC, _src_file DESC, _src_row DESC') }}
