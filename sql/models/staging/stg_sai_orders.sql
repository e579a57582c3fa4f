{{ config(materialized='incremental', unique_key=['orden']) }}
{% import "macros/latest.sql" as latest with context %}
{% import "macros/typing.sql" as typing with context %}
-- One row per order line: its copy in the latest snapshot that showed it.
{{ latest.latest_per_key(source('raw', 'sai_orders'), typing.sai_orders, this, is_incremental(), 'orden', 'orden',
   '_loaded_at DESC, _src_file DESC, _src_row DESC') }}
