{{ config(materialized='view') }}
{% import "macros/typing.sql" as typing with context %}
-- Every SAI alta row as loaded, trimmed and typed (macros/typing.sql); stg_sai_altas keeps one row per alta.
SELECT {{ typing.columns(typing.sai_altas) }}snapshot_date, _src_file, _src_row, _stage_key, _loaded_at
FROM {{ source('raw', 'sai_altas') }}
