{{ config(materialized='incremental', unique_key=['no_alta']) }}
{% import "macros/latest.sql" as latest with context %}
{% import "macros/typing.sql" as typing with context %}
-- One row per alta: its copy in the latest snapshot that showed it. Re-downloads and overlapping
-- windows collapse to the latest loaded copy, so storage grows with altas, not with daily snapshots.
{{ latest.latest_per_key(source('raw', 'sai_altas'), typing.sai_altas, this, is_incremental(), 'no_alta', 'no_alta',
   '_loaded_at DESC, _src_file DESC, _src_row DESC') }}
