{{ config(materialized='incremental', unique_key=['orden']) }}
{% import "macros/history.sql" as history with context %}
-- An order line's status as changes; of two copies in one snapshot the latest load wins.
{{ history.changes(ref('stg_sai_order_rows'), this, is_incremental(), 'orden',
   ['estatus'], ['cantidad_solicitada', 'fecha_entrega'], '_loaded_at DESC, _src_file DESC, _src_row DESC') }}
