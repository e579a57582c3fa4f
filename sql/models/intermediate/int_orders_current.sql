{{ config(materialized='view') }}
-- Each order line as of the latest snapshot that showed it; cancellation read from reference data.
SELECT
  ord.orden AS no_orden, ord.contrato AS no_contrato, ord.cve_articulo AS clave, ord.estatus,
  coalesce(state.is_cancelled, 0) = 1 AS is_cancelled,
  ord.fecha_expedicion, ord.fecha_entrega, ord.cantidad_solicitada, ord.precio, ord.importe_sin_iva,
  ord.lugar_entrega, ord.snapshot_date, ord._src_file, ord._src_row, ord._loaded_at
FROM {{ ref('stg_sai_orders') }} AS ord
LEFT JOIN {{ seed('order_states') }} AS state ON upper(ord.estatus) = state.estatus_key
