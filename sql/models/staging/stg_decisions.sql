{{ config(materialized='view') }}
-- The analysts' append-only decision log, keys normalized like the data they point at.
SELECT
  decision_id,
  made_at,
  made_by,
  action,
  nullif(trim(alta), '') AS no_alta,
  nullif({{ dialect.uuid_norm('invoice_uuid') }}, '') AS invoice_uuid,
  nullif(trim(order_no), '') AS no_orden,
  assignee,
  note
FROM {{ source('app', 'decisions') }}
