{{ config(materialized='incremental', unique_key=['uuid']) }}
-- Income invoices (TipoDeComprobante I) with what the matching needs: the article and quantity of
-- their concept lines, the credit notes (E) issued against them, and whether a substitute CFDI
-- (TipoRelacion 04) cancelled them. folio_key is Serie+Folio in letters and digits only, as the PAQ
-- workbook's folio is read; an invoice to another receiver than the institute is flagged, never matched.
-- Incrementally, only invoices touched by CFDI loaded since the last build are recomputed: new or
-- re-read invoices, their concept lines, and the invoices that new credit notes or substitutes name.
{% set since %}_loaded_at > (SELECT max(_loaded_at) FROM {{ this }}){% endset %}
WITH
{% if is_incremental() %}
touched AS (
  SELECT uuid FROM {{ ref('stg_cfdi_invoices') }} WHERE {{ since }}
  UNION
  SELECT uuid_relacionado FROM {{ ref('stg_cfdi_invoices') }} WHERE {{ since }} AND uuid_relacionado IS NOT NULL
  UNION
  SELECT uuid FROM {{ ref('stg_cfdi_concepts') }} WHERE {{ since }}
),
{% endif %}
concepts AS (
  SELECT uuid,
    CASE WHEN count(DISTINCT clave) = 1 AND count(clave) = count(*) THEN min(clave) END AS clave,
    sum(cantidad) AS cantidad,
    count(*) AS concept_lines,
    max(_loaded_at) AS _loaded_at
  FROM {{ ref('stg_cfdi_concepts') }}
  {% if is_incremental() %}WHERE uuid IN (SELECT uuid FROM touched){% endif %}
  GROUP BY uuid
),
related AS (
  SELECT uuid_relacionado AS uuid,
    sum(CASE WHEN tipo_comprobante = 'E' THEN total ELSE 0 END) AS credit_notes_total,
    sum(CASE WHEN tipo_comprobante = 'E' THEN 1 ELSE 0 END) AS credit_notes,
    max(CASE WHEN tipo_comprobante = 'I' AND tipo_relacion = '04' THEN uuid END) AS substituted_by,
    max(_loaded_at) AS _loaded_at
  FROM {{ ref('stg_cfdi_invoices') }}
  WHERE uuid_relacionado IS NOT NULL
  {% if is_incremental() %}AND uuid_relacionado IN (SELECT uuid FROM touched){% endif %}
  GROUP BY uuid_relacionado
)
SELECT
  inv.uuid, inv.serie, inv.folio, inv.serie_folio, inv.fecha, inv.invoice_date, inv.receptor_rfc,
  {{ dialect.replace_all("upper(coalesce(inv.serie, '') || inv.folio)", '[^A-Z0-9]', '') }} AS folio_key,
  {{ dialect.replace_all('upper(inv.folio)', '[^A-Z0-9]', '') }} AS bare_folio_key,
  inv.receptor_rfc = {{ var('customerRfc') }} AS is_for_customer,
  inv.total,
  {{ dialect.money('coalesce(related.credit_notes_total, 0)') }} AS credit_notes_total,
  {{ dialect.money('inv.total - coalesce(related.credit_notes_total, 0)') }} AS net_amount,
  coalesce(related.credit_notes, 0) AS credit_notes,
  related.substituted_by,
  related.substituted_by IS NOT NULL AS is_cancelled,
  concepts.clave, concepts.cantidad, concepts.concept_lines,
  {{ dialect.epoch_days('inv.invoice_date') }} AS invoice_epoch_day,
  inv._src_file, inv._src_row,
  greatest(inv._loaded_at, coalesce(concepts._loaded_at, inv._loaded_at), coalesce(related._loaded_at, inv._loaded_at)) AS _loaded_at
FROM {{ ref('stg_cfdi_invoices') }} AS inv
LEFT JOIN concepts ON concepts.uuid = inv.uuid
LEFT JOIN related ON related.uuid = inv.uuid
WHERE inv.tipo_comprobante = 'I'
{% if is_incremental() %}AND inv.uuid IN (SELECT uuid FROM touched){% endif %}
