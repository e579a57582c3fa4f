{{ config(materialized='view') }}
-- Order -> altas (1:N): what each order line received, when, and how late against its due date.
-- Altas are summed per order first, so the join to the orders is one row to one row.
WITH delivered AS (
  SELECT alta.no_orden,
    count(*) AS altas,
    sum(alta.cant_recibida) AS delivered_qty,
    sum(alta.importe) AS delivered_amount,
    sum(CASE WHEN alta.fecha_alta <= ord.fecha_entrega THEN alta.cant_recibida END) AS on_time_qty,
    min(alta.fecha_alta) AS first_alta_date,
    max(alta.fecha_alta) AS last_alta_date
  FROM {{ ref('int_altas_current') }} AS alta
  JOIN {{ ref('int_orders_current') }} AS ord ON ord.no_orden = alta.no_orden
  GROUP BY alta.no_orden
)
SELECT
  ord.no_orden, ord.no_contrato, ord.clave, ord.estatus, ord.is_cancelled, ord.fecha_expedicion,
  ord.fecha_entrega, ord.cantidad_solicitada, ord.precio, ord.importe_sin_iva,
  coalesce(delivered.altas, 0) AS altas,
  coalesce(delivered.delivered_qty, 0) AS delivered_qty,
  {{ dialect.money('coalesce(delivered.delivered_amount, 0)') }} AS delivered_amount,
  coalesce(delivered.on_time_qty, 0) AS on_time_qty,
  delivered.first_alta_date,
  delivered.last_alta_date,
  ord._src_file, ord._src_row
FROM {{ ref('int_orders_current') }} AS ord
LEFT JOIN delivered ON delivered.no_orden = ord.no_orden
