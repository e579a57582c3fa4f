{#
  How each raw dataset's columns are typed: text trimmed, blanks NULL, UUIDs upper-cased. One place
  for the *_rows views and for the staging models that reduce raw rows before typing them: at a
  million altas each raw table holds about 30M rows (every daily snapshot re-reads a month), and
  typing the survivors of a hash aggregate costs a fraction of typing every row.
  Each map is typed column -> expression over the raw table's columns; the bookkeeping columns
  (snapshot_date, _src_file, _src_row, _stage_key, _loaded_at) pass through untyped.
#}
{% set sai_altas = {
  'no_alta': 'trim(no_alta)',
  'fecha_alta': 'fecha_alta',
  'no_contrato': 'trim(no_contrato)',
  'no_orden': 'trim(no_orden)',
  'clave': 'trim(clave)',
  'cant_recibida': 'cant_recibida',
  'importe': 'importe',
  'fpp': 'coalesce(fpp, ' ~ dialect.add_days('fecha_alta', var('paymentTermsDays')) ~ ')',
  'clas_ptal_recep': "nullif(trim(clas_ptal_recep), '')",
  'desc_unidad': "nullif(trim(desc_unidad), '')",
  'clas_ptal_dist': "nullif(trim(clas_ptal_dist), '')",
  'desc_dist': "nullif(trim(desc_dist), '')",
  'total_items': 'total_items',
  'resguardo': "nullif(trim(resguardo), '')"
} %}

{# An order carries one article. #}
{% set sai_orders = {
  'orden': 'trim(orden)',
  'contrato': 'trim(contrato)',
  'solicitud': "nullif(trim(solicitud), '')",
  'generacion': "nullif(trim(generacion), '')",
  'cve_articulo': 'trim(cve_articulo)',
  'fecha_expedicion': 'fecha_expedicion',
  'lugar_entrega': "nullif(trim(lugar_entrega), '')",
  'descripcion_entrega': "nullif(trim(descripcion_entrega), '')",
  'destino_final': "nullif(trim(destino_final), '')",
  'estatus': 'trim(estatus)',
  'fecha_entrega': 'fecha_entrega',
  'cantidad_solicitada': 'cantidad_solicitada',
  'precio': 'precio',
  'importe_sin_iva': 'importe_sin_iva'
} %}

{# PREI and the CFDI may differ in a UUID's case; a blank CR or unit is NULL, never a space. #}
{% set prei_invoices = {
  'uuid': dialect.uuid_norm('folio_fiscal'),
  'documento': 'trim(documento)',
  'fecha_factura': 'fecha_factura',
  'importe': 'importe',
  'fecha_carga': 'fecha_carga',
  'unidad_negocio': "nullif(trim(unidad_negocio), '')",
  'contra_recibo': "nullif(trim(contra_recibo), '')",
  'estado_cr': 'trim(estado_cr)',
  'query_to': 'query_to'
} %}

{# The typed columns `names` (all of them when none) of one of the maps above, as select items each followed by a comma. #}
{% macro columns(typed, names) -%}
{% for name, expression in typed %}{% if not names or name in names %}{{ expression }} AS {{ name }}, {% endif %}{% endfor %}
{%- endmacro %}
