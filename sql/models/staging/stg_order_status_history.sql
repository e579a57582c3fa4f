{{ config(materialized='incremental', unique_key=['orden', 'valid_from']) }}
{% import "macros/history.sql" as history %}
{{ history.changes(ref('stg_sai_orders'), this, is_incremental(), 'orden',
   ['estatus'], ['cantidad_solicitada', 'fecha_entrega']) }}
