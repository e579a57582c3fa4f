{#
  Status history stored as changes: one row per key and run of identical states, valid_from the
  first snapshot showing it, valid_to the first snapshot showing the next state (NULL while current),
  last_seen the latest snapshot that confirmed it. Incrementally, only snapshots newer than the
  latest one processed are read, together with each touched key's open row, so a day's build costs
  what that day changed.
#}
{% macro changes(snapshots, this, incremental, key, state_columns, carried_columns) %}
WITH incoming AS (
  SELECT {{ key }}, snapshot_date, snapshot_date AS last_seen, _src_file, _src_row,
    {{ (state_columns.concat(carried_columns)) | join(', ') }}
  FROM {{ snapshots }}
  {% if incremental %}
  WHERE snapshot_date > (SELECT max(last_seen) FROM {{ this }})
  {% endif %}
),
combined AS (
  SELECT * FROM incoming
  {% if incremental %}
  UNION ALL
  SELECT {{ key }}, valid_from AS snapshot_date, last_seen, _src_file, _src_row,
    {{ (state_columns.concat(carried_columns)) | join(', ') }}
  FROM {{ this }}
  WHERE valid_to IS NULL AND {{ key }} IN (SELECT {{ key }} FROM incoming)
  {% endif %}
),
flagged AS (
  SELECT *,
    CASE WHEN
      {% for column in state_columns %}
      lag({{ column }}) OVER (PARTITION BY {{ key }} ORDER BY snapshot_date) IS NOT DISTINCT FROM {{ column }}
      {% if not loop.last %}AND{% endif %}
      {% endfor %}
      AND lag(snapshot_date) OVER (PARTITION BY {{ key }} ORDER BY snapshot_date) IS NOT NULL
    THEN 0 ELSE 1 END AS starts_run
  FROM combined
),
runs AS (
  SELECT *,
    sum(starts_run) OVER (PARTITION BY {{ key }} ORDER BY snapshot_date ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS run_no
  FROM flagged
),
collapsed AS (
  SELECT {{ key }}, run_no,
    {% for column in state_columns %}{{ column }}, {% endfor %}
    min(snapshot_date) AS valid_from,
    max(last_seen) AS last_seen,
    {% for column in carried_columns %}max({{ column }}) AS {{ column }}, {% endfor %}
    min_by(_src_file, snapshot_date) AS _src_file,
    min_by(_src_row, snapshot_date) AS _src_row
  FROM runs
  GROUP BY {{ key }}, run_no{% for column in state_columns %}, {{ column }}{% endfor %}
)
SELECT {{ key }},
  {% for column in state_columns.concat(carried_columns) %}{{ column }}, {% endfor %}
  valid_from,
  lead(valid_from) OVER (PARTITION BY {{ key }} ORDER BY valid_from) AS valid_to,
  last_seen, _src_file, _src_row
FROM collapsed
{% endmacro %}
