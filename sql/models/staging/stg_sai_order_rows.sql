{{ config(materialized='view') }}
-- Every SAI order row as loaded, trimmed and typed (an order carries one article); stg_sai_orders
-- keeps one row per order, stg_order_status_history its status changes.
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
