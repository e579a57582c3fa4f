{{ config(materialized='incremental', unique_key=['snapshot_date']) }}
-- One row per PREI snapshot date loaded, with its row count: what "the last two snapshots" are.
SELECT snapshot_date, count(*) AS prei_rows, max(_loaded_at) AS _loaded_at
FROM {{ source('raw', 'prei_invoices') }}
{% if is_incremental() %}
WHERE snapshot_date IN (
  SELECT snapshot_date FROM {{ source('raw', 'prei_invoices') }}
  WHERE _loaded_at > (SELECT max(_loaded_at) FROM {{ this }})
)
{% endif %}
GROUP BY snapshot_date
