{{ config(materialized='view') }}
-- The latest match decision per alta and invoice pair: a later decision supersedes an earlier one.
SELECT no_alta, invoice_uuid, action, made_at, made_by
FROM {{ ref('stg_decisions') }}
WHERE action IN ('confirm_match', 'reject_match', 'link_manual')
  AND no_alta IS NOT NULL AND invoice_uuid IS NOT NULL
{{ dialect.first_per('no_alta, invoice_uuid', 'made_at DESC, decision_id DESC') }}
