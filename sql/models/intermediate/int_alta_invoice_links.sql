{{ config(materialized='view') }}
-- One invoice per linked alta, with the rule that linked it and its confidence. Decisions and PAQ
-- rows are Confirmed; inferred links are Suggested, surer when the pair was the only candidate of
-- each other than when the nearest date or the date order of identical altas decided.
SELECT no_alta, invoice_uuid, match_rule,
  'Confirmed' AS match_status,
  CAST(CASE WHEN match_rule = 'decision' THEN 1.00 ELSE 0.99 END AS DECIMAL(3,2)) AS confidence
FROM {{ ref('int_strong_links') }}
UNION ALL
SELECT no_alta, invoice_uuid, match_rule, 'Suggested',
  CAST(CASE match_rule WHEN 'amount_qty_clave_window' THEN 0.90 WHEN 'nearest_date' THEN 0.75 ELSE 0.60 END AS DECIMAL(3,2))
FROM {{ ref('int_inferred_links') }}
