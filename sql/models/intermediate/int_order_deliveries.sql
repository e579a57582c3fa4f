{{ config(materialized='table') }}
-- Order -> altas (1:N): what each order line received, when, and how late against its due date.
SELECT
  ord.no_orden, ord.no_contrato, ord.clave, ord.estatus, ord.is_cancelled, ord.fecha_expedicion,
  ord.fecha_entrega, ord.cantidad_solicitada, ord.precio, ord.importe_sin_iva,
  count(alta.no_alta) AS altas,
  coalesce(sum(alta.cant_recibida), 0) AS delivered_qty,
  {{ dialect.money('coalesce(sum(alta.importe), 0)') }} AS delivered_amount,
  coalesce(sum(CASE WHEN alta.fecha_alta <= ord.fecha_entrega THEN alta.cant_recibida END), 0) AS on_time_qty,
  min(alta.fecha_alta) AS first_alta_date,
  max(alta.fecha_alta) AS last_alta_date,
  ord._src_file, ord._src_row
FROM {{ ref('int_orders_current') }} AS ord
LEFT JOIN {{ ref('int_altas_current') }} AS alta ON alta.no_orden = ord.no_orden
GROUP BY ord.no_orden, ord.no_contrato, ord.clave, ord.estatus, ord.is_cancelled, ord.fecha_expedicion,
  ord.fecha_entrega, ord.cantidad_solicitada, ord.precio, ord.importe_sin_iva, ord._src_file, ord._src_row
