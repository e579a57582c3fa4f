{{ config(materialized='view') }}
{% import "macros/typing.sql" as typing with context %}
-- Every SAI order row as loaded, trimmed and typed (macros/typing.sql); stg_sai_orders keeps one row
-- per order, stg_order_status_history its status changes.
SELECT {{ typing.columns(typing.sai_orders) }}snapshot_date, _src_file, _src_row, _stage_key, _loaded_at
FROM {{ source('raw', 'sai_orders') }}
