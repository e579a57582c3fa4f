{{ config(materialized='view') }}
{% import "macros/typing.sql" as typing with context %}
-- Every PREI row as loaded, typed (macros/typing.sql). Not stored: the status history
-- (stg_prei_status_history) keeps what changed, so storage grows with change, not with daily snapshots.
SELECT {{ typing.columns(typing.prei_invoices) }}snapshot_date, _src_file, _src_row, _stage_key, _loaded_at
FROM {{ source('raw', 'prei_invoices') }}
