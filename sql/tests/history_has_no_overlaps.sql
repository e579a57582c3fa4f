-- A key's status history never holds two runs valid at once and never two identical runs in a row.
SELECT cur.uuid, cur.valid_from, cur.valid_to
FROM {{ ref('stg_prei_status_history') }} AS cur
JOIN {{ ref('stg_prei_status_history') }} AS nxt
  ON nxt.uuid = cur.uuid AND nxt.valid_from = cur.valid_to
WHERE cur.valid_to IS NULL
   OR (cur.estado_cr IS NOT DISTINCT FROM nxt.estado_cr
       AND cur.contra_recibo IS NOT DISTINCT FROM nxt.contra_recibo
       AND cur.unidad_negocio IS NOT DISTINCT FROM nxt.unidad_negocio
       AND cur.importe IS NOT DISTINCT FROM nxt.importe)
