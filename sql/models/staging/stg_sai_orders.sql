{{ config(materialized='incremental', unique_key=['orden']) }}
{% import "macros/latest.sql" as latest with context %}
-- One row per order line: its copy in the latest snapshot that showed it.
{{ latest.latest_per_key(ref('stg_sai_order_rows'), this, is_incremental(), 'orden',
   '_loaded_at DESC, _src_file DESC, _src_row DESC') }}
