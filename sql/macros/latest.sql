{#
  One row per key: its copy in the latest snapshot that showed it, `prefer` choosing among copies of
  that snapshot (a file loaded twice, overlapping windows). Raw rows are reduced before they are
  typed: per raw key (`raw_key`, the column the key is typed from) one hash aggregate finds the
  newest snapshot and only that snapshot's rows are ordered; the survivors are typed (`typed`, a map
  of macros/typing.sql) and reduced once more per typed key, since ' 58001' and '58001' are one alta.
  Incrementally, only rows loaded since the last build are read, and a late load of an older
  snapshot never overwrites a newer copy.
#}
{% import "macros/typing.sql" as typing with context %}
{% macro latest_per_key(source, typed, this, incremental, raw_key, key, prefer) %}
{# The source is read twice rather than through a CTE, which DuckDB would materialize whole. #}
{% set since %}{% if incremental %}WHERE _loaded_at > (SELECT max(_loaded_at) FROM {{ this }}){% endif %}{% endset %}
WITH newest AS (
  SELECT {{ raw_key }}, max(snapshot_date) AS newest_snapshot FROM {{ source }} {{ since }} GROUP BY {{ raw_key }}
),
picked_raw AS (
  SELECT incoming.*
  FROM (SELECT * FROM {{ source }} {{ since }}) AS incoming
  JOIN newest ON newest.{{ raw_key }} = incoming.{{ raw_key }} AND newest.newest_snapshot = incoming.snapshot_date
  {{ dialect.first_per('incoming.' ~ raw_key, prefer) }}
),
picked AS (
  SELECT *
  FROM (SELECT {{ typing.columns(typed) }}snapshot_date, _src_file, _src_row, _stage_key, _loaded_at FROM picked_raw) AS typed_rows
  {{ dialect.first_per(key, 'snapshot_date DESC, ' ~ prefer) }}
)
SELECT picked.*
FROM picked
{% if incremental %}
LEFT JOIN {{ this }} AS known ON known.{{ key }} = picked.{{ key }}
WHERE known.{{ key }} IS NULL OR picked.snapshot_date >= known.snapshot_date
{% endif %}
{% endmacro %}
