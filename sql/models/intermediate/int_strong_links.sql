{{ config(materialized='incremental', unique_key=['no_alta']) }}
{% import "macros/merge.sql" as merge with context %}
-- Links that need no inference, in precedence order: an analyst's confirmed or manual link, then the
-- PAQ workbook (its folio as Serie+Folio, or the bare folio). A PAQ row whose order is not the alta's
-- is a typo and links nothing; a PAQ row naming an invoice that a substitute (TipoRelacion 04)
-- cancelled links the substitute. A rejected pair never links.
-- Incrementally, only altas that may have moved are linked again: altas loaded since the last build,
-- altas named by PAQ rows loaded since or by any decision, and altas of PAQ rows naming, or links to,
-- an invoice loaded since (a new or re-read CFDI, or one a substitute now cancels). An alta that no longer links
-- leaves a tombstone (_deleted), which removes its stored link.
{% set since %}_loaded_at > (SELECT max(_loaded_at) FROM {{ this }}){% endset %}
WITH
{% if is_incremental() %}
fresh_invoices AS (
  SELECT uuid, folio_key, bare_folio_key FROM {{ ref('int_invoices') }} WHERE {{ since }}
),
touched AS (
  SELECT no_alta FROM {{ ref('int_altas_current') }} WHERE {{ since }}
  UNION
  SELECT no_alta FROM {{ ref('stg_paq_links') }} WHERE {{ since }}
  UNION
  SELECT no_alta FROM {{ ref('int_decisions_latest') }}
  UNION
  SELECT no_alta FROM {{ ref('stg_paq_links') }}
  WHERE folio IN (SELECT folio_key FROM fresh_invoices UNION SELECT bare_folio_key FROM fresh_invoices)
  UNION
  SELECT no_alta FROM {{ this }} WHERE invoice_uuid IN (SELECT uuid FROM fresh_invoices)
),
{% endif %}
paq_links AS (
  SELECT * FROM {{ ref('stg_paq_links') }}
  {% if is_incremental() %}WHERE no_alta IN (SELECT no_alta FROM touched){% endif %}
),
decided AS (
  SELECT no_alta, invoice_uuid, 'decision' AS match_rule, 1 AS precedence, CAST(NULL AS TIMESTAMP) AS _loaded_at
  FROM {{ ref('int_decisions_latest') }}
  WHERE action IN ('confirm_match', 'link_manual')
),
paq_named AS (
  SELECT paq.no_alta, paq.no_orden, inv.uuid, inv.substituted_by, 2 AS precedence,
    greatest(paq._loaded_at, inv._loaded_at) AS _loaded_at
  FROM paq_links AS paq
  JOIN {{ ref('int_invoices') }} AS inv ON inv.folio_key = paq.folio
  UNION ALL
  SELECT paq.no_alta, paq.no_orden, inv.uuid, inv.substituted_by, 3,
    greatest(paq._loaded_at, inv._loaded_at)
  FROM paq_links AS paq
  JOIN {{ ref('int_invoices') }} AS inv ON inv.bare_folio_key = paq.folio AND inv.folio_key <> paq.folio
),
paq AS (
  SELECT no_alta, coalesce(substituted_by, uuid) AS invoice_uuid,
    CASE WHEN substituted_by IS NULL THEN 'paq' ELSE 'paq_substitute' END AS match_rule,
    precedence, no_orden, _loaded_at
  FROM paq_named
),
ranked AS (
  SELECT decided.no_alta, decided.invoice_uuid, decided.match_rule, decided.precedence,
    CAST(NULL AS VARCHAR) AS no_orden, decided._loaded_at
  FROM decided
  UNION ALL
  SELECT paq.no_alta, paq.invoice_uuid, paq.match_rule, paq.precedence, paq.no_orden, paq._loaded_at FROM paq
  LEFT JOIN {{ ref('int_decisions_latest') }} AS decision
    ON decision.no_alta = paq.no_alta AND decision.invoice_uuid = paq.invoice_uuid AND decision.action = 'reject_match'
  WHERE decision.no_alta IS NULL
),
links AS (
  SELECT ranked.no_alta, ranked.invoice_uuid, ranked.match_rule,
    greatest(alta._loaded_at, coalesce(ranked._loaded_at, alta._loaded_at)) AS _loaded_at
  FROM ranked
  JOIN {{ ref('int_altas_current') }} AS alta ON alta.no_alta = ranked.no_alta
  WHERE ranked.no_orden IS NULL OR ranked.no_orden = alta.no_orden
  {{ dialect.first_per('ranked.no_alta', 'ranked.precedence, ranked.invoice_uuid, ranked.match_rule') }}
)
{{ merge.with_tombstones('links', 'no_alta', 'touched WHERE no_alta NOT IN (SELECT no_alta FROM links)', is_incremental()) }}
