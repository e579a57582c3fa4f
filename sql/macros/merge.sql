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
