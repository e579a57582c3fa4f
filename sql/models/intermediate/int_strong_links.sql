{{ config(materialized='table') }}
-- Links that need no inference, in precedence order: an analyst's confirmed or manual link, then the
-- PAQ workbook (its folio as Serie-Folio, or the bare folio). A rejected pair never links.
WITH decided AS (
  SELECT no_alta, invoice_uuid, 'decision' AS match_rule, 1 AS precedence
  FROM {{ ref('int_decisions_latest') }}
  WHERE action IN ('confirm_match', 'link_manual')
),
paq AS (
  SELECT paq.no_alta, inv.uuid AS invoice_uuid, 'paq' AS match_rule, 2 AS precedence
  FROM {{ ref('stg_paq_links') }} AS paq
  JOIN {{ ref('int_invoices') }} AS inv ON inv.serie_folio = paq.folio
  UNION ALL
  SELECT paq.no_alta, inv.uuid, 'paq', 3
  FROM {{ ref('stg_paq_links') }} AS paq
  JOIN {{ ref('int_invoices') }} AS inv ON inv.folio = paq.folio AND inv.serie_folio <> paq.folio
),
ranked AS (
  SELECT * FROM decided
  UNION ALL
  SELECT paq.* FROM paq
  LEFT JOIN {{ ref('int_decisions_latest') }} AS decision
    ON decision.no_alta = paq.no_alta AND decision.invoice_uuid = paq.invoice_uuid AND decision.action = 'reject_match'
  WHERE decision.no_alta IS NULL
)
SELECT ranked.no_alta, ranked.invoice_uuid, ranked.match_rule
FROM ranked
JOIN {{ ref('int_altas_current') }} AS alta ON alta.no_alta = ranked.no_alta
{{ dialect.first_per('ranked.no_alta', 'ranked.precedence, ranked.invoice_uuid') }}
