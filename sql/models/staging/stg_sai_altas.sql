{{ config(materialized='incremental', unique_key=['no_alta']) }}
-- One row per alta: its copy in the latest snapshot that showed it, trimmed and typed. Re-downloads
-- and overlapping windows collapse to the latest loaded copy, so storage grows with altas, not with
-- daily snapshots. Incrementally, only files loaded since the last build are read, and a late load of
-- an older snapshot never overwrites a newer copy.
WITH incoming AS (
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
  {% if is_incremental() %}
  WHERE _loaded_at > (SELECT max(_loaded_at) FROM {{ this }})
  {% endif %}
  {{ dialect.first_per('trim(no_alta)', 'snapshot_date DESC, _loaded_at DESC, _src_file DESC, _src_row DESC') }}
)
SELECT incoming.*
FROM incoming
{% if is_incremental() %}
LEFT JOIN {{ this }} AS known ON known.no_alta = incoming.no_alta
WHERE known.no_alta IS NULL OR incoming.snapshot_date >= known.snapshot_date
{% endif %}
