{{ config(materialized='view') }}
-- Every PREI row as loaded, typed: UUID upper-cased (PREI and the CFDI may differ in case), a blank CR
-- or unit NULL, never a space. Not stored: the status history (stg_prei_status_history) keeps what
-- changed, so storage grows with change, not with daily snapshots.
SELECT
  {{ dialect.uuid_norm('folio_fiscal') }} AS uuid,
  trim(documento) AS documento,
  fecha_factura,
  importe,
  fecha_carga,
  nullif(trim(unidad_negocio), '') AS unidad_negocio,
  nullif(trim(contra_recibo), '') AS contra_recibo,
  trim(estado_cr) AS estado_cr,
  query_to,
  snapshot_date,
  _src_file,
  _src_row,
  _stage_key,
  _loaded_at
FROM {{ source('raw', 'prei_invoices') }}
