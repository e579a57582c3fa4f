{{ config(materialized='view') }}
-- Every SAI alta row as loaded, trimmed and typed; stg_sai_altas keeps one row per alta.
SELECT
  trim(no_alta) AS no_alta,
  fecha_alta,
  trim(no_contrato) AS no_contrato,
  trim(no_orden) AS no_orden,
  trim(clave) AS clave,
  cant_recibida,
  importe,
  coalesce(fpp, {{ dialect.add_days('fecha_alta', var('paymentTermsDays')) }}) AS fpp,
  nullif(trim(clas_ptal_recep), '') AS clas_ptal_recep,
  nullif(trim(desc_unidad), '') AS desc_unidad,
  nullif(trim(clas_ptal_dist), '') AS clas_ptal_dist,
  nullif(trim(desc_dist), '') AS desc_dist,
  total_items,
  nullif(trim(resguardo), '') AS resguardo,
  snapshot_date,
  _src_file,
  _src_row,
  _stage_key,
  _loaded_at
FROM {{ source('raw', 'sai_altas') }}
