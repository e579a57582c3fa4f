{#
  The last SELECT of an incremental model that can delete: `rows` (a CTE) as they are in a full build;
  incrementally, the same rows plus a tombstone (_deleted) for each key `keys` selects from `source`
  (the rest of a FROM clause). The runner deletes every key it receives, then inserts the rows that
  are not tombstones.
#}
{% macro with_tombstones(rows, keys, source, incremental) %}
{% if incremental %}
SELECT {{ rows }}.*, false AS _deleted FROM {{ rows }}
UNION ALL BY NAME
SELECT {{ keys }}, true AS _deleted FROM {{ source }}
{% else %}
SELECT * FROM {{ rows }}
{% endif %}
{% endmacro %}

{#
  The (article, quantity) partitions whose digest moved since the model's last build: `now` holds
  (clave, cant_recibida, _inputs_digest) as they are, `this` the digests the model stored; a partition
  in one and not the other moved too.
#}
{% macro changed_partitions(now, this) %}
SELECT coalesce(now.clave, stored.clave) AS clave, coalesce(now.cant_recibida, stored.cant_recibida) AS cant_recibida
FROM {{ now }} AS now
FULL JOIN (SELECT DISTINCT clave, cant_recibida, _inputs_digest FROM {{ this }}) AS stored
  ON stored.clave = now.clave AND stored.cant_recibida = now.cant_recibida
WHERE now._inputs_digest IS DISTINCT FROM stored._inputs_digest
{% endmacro %}

{# Whether the row `alias` (its article in clave, its quantity in `quantity`) is in a partition `changed` lists. #}
{% macro in_changed_partition(alias, quantity) -%}
EXISTS (SELECT 1 FROM changed WHERE changed.clave = {{ alias }}.clave AND changed.cant_recibida = {{ alias }}.{{ quantity }})
{%- endmacro %}
