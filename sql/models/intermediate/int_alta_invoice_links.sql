{{ config(materialized='table') }}
-- One invoice per linked alta, with the rule that linked it and its confidence. Decisions and PAQ
-- rows are Confirmed; an inferred candidate is Suggested only when it is the alta's single
-- candidate and the alta is the invoice's single candidate (otherwise the alta is ambiguous).
SELECT no_alta, invoice_uuid, match_rule,
  'Confirmed' AS match_status,
  CAST(CASE WHEN match_rule = 'decision' THEN 1.00 ELSE 0.99 END AS DECIMAL(3,2)) AS confidence
FROM {{ ref('int_strong_links') }}
UNION ALL
SELECT no_alta, invoice_uuid, 'amount_qty_clave_window', 'Suggested', CAST(0.90 AS DECIMAL(3,2))
FROM {{ ref('int_match_candidates') }}
WHERE alta_candidates = 1 AND invoice_candidates = 1
