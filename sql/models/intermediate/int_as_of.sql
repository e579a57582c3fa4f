{{ config(materialized='view') }}
-- The date the marts are evaluated at: the asOfDate var, else the latest snapshot loaded. Never the
-- clock, so a rebuild with no new data gives the same marts.
SELECT coalesce({{ var('asOfDate', none) }}, max(snapshot_date)) AS as_of_date
FROM (
  SELECT max(snapshot_date) AS snapshot_date FROM {{ ref('stg_sai_altas') }}
  UNION ALL
  SELECT max(snapshot_date) FROM {{ ref('stg_prei_snapshots') }}
  UNION ALL
  SELECT max(snapshot_date) FROM {{ ref('stg_sai_orders') }}
) AS latest
