{{ config(materialized='view') }}
-- Each alta as of the latest snapshot that showed it, with the book its date falls in.
SELECT
  alta.no_alta, alta.fecha_alta, alta.no_contrato, alta.no_orden, alta.clave, alta.cant_recibida,
  alta.importe, alta.fpp, alta.clas_ptal_recep, alta.desc_unidad, alta.snapshot_date,
  book.book,
  alta._src_file, alta._src_row, alta._loaded_at
FROM {{ ref('stg_sai_altas') }} AS alta
LEFT JOIN {{ seed('books') }} AS book
  ON alta.fecha_alta >= book.valid_from AND alta.fecha_alta < book.valid_until
