{{ config(materialized='incremental', unique_key=['orden']) }}
{% import "macros/history.sql" as history with context %}
{% import "macros/typing.sql" as typing with context %}
-- An order line's status as changes; of two copies in one snapshot the latest load wins.
{{ history.changes(source('raw', 'sai_orders'), typing.sai_orders, this, is_incremental(),
   'orden', ['orden', 'estatus', 'cantidad_solicitada', 'fecha_entrega'],
   'orden', ['estatus'], ['cantidad_solicitada', 'fecha_entrega'], '_loaded_at DESC, _src_file DESC, _src_row DESC') }}
