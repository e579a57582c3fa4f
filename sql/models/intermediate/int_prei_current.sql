{{ config(materialized='view') }}
-- Each PREI invoice's current state, mapped to a lifecycle status through reference data. An unknown
-- PREI state keeps a NULL prei_status (and surfaces as an exception downstream), never vanishes.
WITH history AS (
  SELECT *,
    max(CASE WHEN contra_recibo IS NOT NULL THEN 1 ELSE 0 END) OVER (PARTITION BY uuid) AS ever_had_cr
  FROM {{ ref('stg_prei_status_history') }}
)
SELECT
  history.uuid, history.documento, history.fecha_factura, history.importe, history.fecha_carga,
  history.unidad_negocio, history.contra_recibo, history.estado_cr,
  state.lifecycle_status AS prei_status,
  history.ever_had_cr = 1 AND history.contra_recibo IS NULL AS cr_withdrawn,
  history.valid_from AS status_since,
  history.last_seen,
  history._src_file, history._src_row
FROM history
LEFT JOIN {{ seed('prei_states') }} AS state ON upper(history.estado_cr) = state.estado_cr_key
WHERE history.valid_to IS NULL
