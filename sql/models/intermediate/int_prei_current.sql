{{ config(materialized='incremental', unique_key=['uuid']) }}
-- Each PREI invoice's current state, mapped to a lifecycle status through reference data. An unknown
-- PREI state keeps a NULL prei_status (and surfaces as an exception downstream), never vanishes.
-- A contrarecibo is withdrawn when the invoice had one in an earlier run and has none now.
-- Stored, so that readers do not go through the whole history; incrementally, only invoices whose
-- history rows were written since the last build are read again (a merge of the history rewrites at
-- least the open run of every invoice it touches).
WITH history AS (
  SELECT * FROM {{ ref('stg_prei_status_history') }}
  {% if is_incremental() %}
  WHERE uuid IN (
    SELECT uuid FROM {{ ref('stg_prei_status_history') }} WHERE _loaded_at > (SELECT max(_loaded_at) FROM {{ this }})
  )
  {% endif %}
),
had_cr AS (
  SELECT DISTINCT uuid FROM history WHERE contra_recibo IS NOT NULL
)
SELECT
  cur.uuid, cur.documento, cur.fecha_factura, cur.importe, cur.fecha_carga,
  cur.unidad_negocio, cur.contra_recibo, cur.estado_cr,
  state.lifecycle_status AS prei_status,
  had_cr.uuid IS NOT NULL AND cur.contra_recibo IS NULL AS cr_withdrawn,
  cur.valid_from AS status_since,
  cur.last_seen,
  cur._src_file, cur._src_row, cur._loaded_at
FROM history AS cur
LEFT JOIN had_cr ON had_cr.uuid = cur.uuid
LEFT JOIN {{ seed('prei_states') }} AS state ON upper(cur.estado_cr) = state.estado_cr_key
WHERE cur.valid_to IS NULL
