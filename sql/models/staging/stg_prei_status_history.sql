{{ config(materialized='incremental', unique_key=['uuid', 'valid_from']) }}
{% import "macros/history.sql" as history %}
{{ history.changes(ref('stg_prei_invoices'), this, is_incremental(), 'uuid',
   ['estado_cr', 'contra_recibo', 'unidad_negocio', 'importe'], ['documento', 'fecha_factura', 'fecha_carga']) }}
