{#
  One row per key: its copy in the latest snapshot that showed it, `prefer` choosing among copies of
  that snapshot (a file loaded twice, overlapping windows). The newest snapshot per key is one hash
  aggregate; only the rows of that snapshot are then ordered. Incrementally, only rows loaded since
  the last build are read, and a late load of an older snapshot never overwrites a newer copy.
#}
{% macro latest_per_key(rows, this, incremental, key, prefer) %}
{# The rows relation is read twice rather than through a CTE, which DuckDB would materialize whole. #}
{% set since %}{% if incremental %}WHERE _loaded_at > (SELECT max(_loaded_at) FROM {{ this }}){% endif %}{% endset %}
WITH newest AS (
  SELECT {{ key }}, max(snapshot_date) AS newest_snapshot FROM {{ rows }} {{ since }} GROUP BY {{ key }}
),
picked AS (
  SELECT incoming.*
  FROM (SELECT * FROM {{ rows }} {{ since }}) AS incoming
  JOIN newest ON newest.{{ key }} = incoming.{{ key }} AND newest.newest_snapshot = incoming.snapshot_date
  {{ dialect.first_per('incoming.' ~ key, prefer) }}
)
SELECT picked.*
FROM picked
{% if incremental %}
LEFT JOIN {{ this }} AS known ON known.{{ key }} = picked.{{ key }}
WHERE known.{{ key }} IS NULL OR picked.snapshot_date >= known.snapshot_date
{% endif %}
{% endmacro %}
