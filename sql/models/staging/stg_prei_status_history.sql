{{ config(materialized='incremental', unique_key=['uuid']) }}
{% import "macros/history.sql" as history with context %}
{% import "macros/typing.sql" as typing with context %}
-- A PREI invoice's states as changes. Two copies in one snapshot: the latest load wins, then the
-- wider query, then the first upload (the lowest documento: PREI rejects the later one).
{{ history.changes(source('raw', 'prei_invoices'), typing.prei_invoices, this, is_incremental(),
   'folio_fiscal', ['folio_fiscal', 'estado_cr', 'contra_recibo', 'unidad_negocio', 'importe', 'documento', 'fecha_factura', 'fecha_carga'],
   'uuid', ['estado_cr', 'contra_recibo', 'unidad_negocio', 'importe'], ['documento', 'fecha_factura', 'fecha_carga'],
   '_loaded_at DESC, query_to DESC, documento, _src_file DESC, _src_row DESC') }}
