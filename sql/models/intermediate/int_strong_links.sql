{{ config(materialized='table') }}
-- Links that need no inference, in precedence order: an analyst's confirmed or manual link, then the
-- PAQ workbook (its folio as Serie+Folio, or the bare folio). A PAQ row whose order is not the alta's
-- is a typo and links nothing; a PAQ row naming an invoice that a substitute (TipoRelacion 04)
-- cancelled links the substitute. A rejected pair never links.
WITH decided AS (
  SELECT no_alta, invoice_uuid, 'decision' AS match_rule, 1 AS precedence
  FROM {{ ref('int_decisions_latest') }}
  WHERE action IN ('confirm_match', 'link_manual')
),
paq_named AS (
  SELECT paq.no_alta, paq.no_orden, inv.uuid, inv.substituted_by, 2 AS precedence
  FROM {{ ref('stg_paq_links') }} AS paq
  JOIN {{ ref('int_invoices') }} AS inv ON inv.folio_key = paq.folio
  UNION ALL
  SELECT paq.no_alta, paq.no_orden, inv.uuid, inv.substituted_by, 3
  FROM {{ ref('stg_paq_links') }} AS paq
  JOIN {{ ref('int_invoices') }} AS inv ON inv.bare_folio_key = paq.folio AND inv.folio_key <> paq.folio
),
paq AS (
  SELECT no_alta, coalesce(substituted_by, uuid) AS invoice_uuid,
    CASE WHEN substituted_by IS NULL THEN 'paq' ELSE 'paq_substitute' END AS match_rule,
    precedence, no_orden
  FROM paq_named
),
ranked AS (
  SELECT decided.*, CAST(NULL AS VARCHAR) AS no_orden FROM decided
  UNION ALL
  SELECT paq.no_alta, paq.invoice_uuid, paq.match_rule, paq.precedence, paq.no_orden FROM paq
  LEFT JOIN {{ ref('int_decisions_latest') }} AS decision
    ON decision.no_alta = paq.no_alta AND decision.invoice_uuid = paq.invoice_uuid AND decision.action = 'reject_match'
  WHERE decision.no_alta IS NULL
)
SELECT ranked.no_alta, ranked.invoice_uuid, ranked.match_rule
FROM ranked
JOIN {{ ref('int_altas_current') }} AS alta ON alta.no_alta = ranked.no_alta
WHERE ranked.no_orden IS NULL OR ranked.no_orden = alta.no_orden
{{ dialect.first_per('ranked.no_alta', 'ranked.precedence, ranked.invoice_uuid, ranked.match_rule') }}
