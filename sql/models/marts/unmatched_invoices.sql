{{ config(materialized='table') }}
-- The analyst's worklist: every invoice, alta or PREI row that does not tie out, with a reason code,
-- the amount at stake, its age and the latest decision taken on it.
WITH as_of AS (
  SELECT as_of_date FROM {{ ref('int_as_of') }}
),
{# Unlinked documents by anti-joins written as LEFT JOIN ... IS NULL: NOT IN plans a mark join. #}
linked AS (
  SELECT DISTINCT invoice_uuid FROM {{ ref('int_alta_invoice_links') }}
),
candidate_invoices AS (
  SELECT DISTINCT invoice_uuid FROM {{ ref('int_match_candidates') }}
),
{# One pass over the invoices for both reasons. Candidates come from live invoices to the institute only. #}
unlinked_invoices AS (
  SELECT
    CASE WHEN cand.invoice_uuid IS NULL THEN 'invoice_without_alta' ELSE 'ambiguous_match' END AS reason_code,
    inv.uuid, inv.total, inv.invoice_date
  FROM {{ ref('int_invoices') }} AS inv
  LEFT JOIN candidate_invoices AS cand ON cand.invoice_uuid = inv.uuid
  LEFT JOIN linked ON linked.invoice_uuid = inv.uuid
  WHERE linked.invoice_uuid IS NULL
    AND (cand.invoice_uuid IS NOT NULL OR (NOT inv.is_cancelled AND inv.is_for_customer))
),
items AS (
  SELECT
    CASE
      WHEN lifecycle_status = 'Por facturar' THEN 'alta_without_invoice'
      WHEN lifecycle_status = 'Facturada sin cargar a PREI' THEN 'missing_from_prei'
      ELSE exception_reason
    END AS reason_code,
    no_alta, invoice_uuid, no_orden,
    CASE WHEN exception_reason = 'prei_amount_mismatch' THEN prei_amount ELSE alta_amount END AS amount,
    CASE WHEN invoice_date IS NULL THEN fecha_alta ELSE invoice_date END AS reference_date
  FROM {{ ref('reconciliation') }}
  WHERE row_kind = 'alta'
    AND (exception_reason IS NOT NULL OR lifecycle_status IN ('Por facturar', 'Facturada sin cargar a PREI'))
  UNION ALL
  SELECT reason_code, NULL, uuid, NULL, total, invoice_date FROM unlinked_invoices
  UNION ALL
  SELECT 'prei_without_cfdi', NULL, prei.uuid, NULL, prei.importe, CAST(prei.fecha_factura AS DATE)
  FROM {{ ref('int_prei_current') }} AS prei
  LEFT JOIN {{ ref('stg_cfdi_invoices') }} AS cfdi ON cfdi.uuid = prei.uuid
  WHERE cfdi.uuid IS NULL
  UNION ALL
  SELECT 'credit_note_unlinked', NULL, note.uuid, NULL, note.total, note.invoice_date
  FROM {{ ref('stg_cfdi_invoices') }} AS note
  LEFT JOIN {{ ref('int_invoices') }} AS inv ON inv.uuid = note.uuid_relacionado
  WHERE note.tipo_comprobante = 'E' AND inv.uuid IS NULL
),
decisions AS (
  SELECT coalesce(no_alta, invoice_uuid) AS item_key, action, made_at, made_by, note,
    row_number() OVER (PARTITION BY coalesce(no_alta, invoice_uuid) ORDER BY made_at DESC, decision_id DESC) AS recency
  FROM {{ ref('stg_decisions') }}
  WHERE coalesce(no_alta, invoice_uuid) IS NOT NULL
),
assignments AS (
  SELECT coalesce(no_alta, invoice_uuid) AS item_key, assignee
  FROM {{ ref('stg_decisions') }}
  WHERE action = 'assign' AND coalesce(no_alta, invoice_uuid) IS NOT NULL
  {{ dialect.first_per('coalesce(no_alta, invoice_uuid)', 'made_at DESC, decision_id DESC') }}
)
SELECT
  items.reason_code,
  coalesce(items.no_alta, items.invoice_uuid) AS item_key,
  items.no_alta, items.invoice_uuid, items.no_orden, items.amount, items.reference_date,
  {{ dialect.days_between('items.reference_date', '(SELECT as_of_date FROM as_of)') }} AS age_days,
  decisions.action AS last_decision, decisions.made_at AS last_decision_at,
  decisions.made_by AS last_decision_by, decisions.note AS last_note,
  assignments.assignee
FROM items
LEFT JOIN decisions ON decisions.item_key = coalesce(items.no_alta, items.invoice_uuid) AND decisions.recency = 1
LEFT JOIN assignments ON assignments.item_key = coalesce(items.no_alta, items.invoice_uuid)
