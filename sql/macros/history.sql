{#
  Status history stored as changes: one row per key and run of identical states, valid_from the
  first snapshot showing it, valid_to the first snapshot showing the next state (NULL while current),
  last_seen the latest snapshot that confirmed it. When copies in one snapshot disagree, the copy
  `prefer` orders first gives that snapshot's state and the others are dropped. A run's rows are
  every copy showing its state in its snapshots: carried columns keep their smallest value over them
  (for PREI: the lowest documento, the first upload), lineage the smallest file and row of its first
  snapshot.

  Most keys never return to an earlier state, so their runs are simply their distinct states: one
  hash aggregate instead of ordering every snapshot row. A key whose states interleave (A -> B -> A,
  or two different states in one snapshot) is "tangled" and takes the exact path: each snapshot's
  copies that agree with its preferred copy, then runs of identical states in snapshot order. Both
  paths aggregate the same rows, so a key gives the same runs whichever path it takes.
  Incrementally, only snapshots newer than the latest one processed are read, together with each
  touched key's open row, so a day's build costs what that day changed.
#}
{% macro changes(rows, this, incremental, key, state_columns, carried_columns, prefer) %}
{% set columns = state_columns.concat(carried_columns) %}
{# The rows relation is read again where needed rather than through a CTE, which DuckDB would materialize whole. #}
{% set since %}{% if incremental %}WHERE snapshot_date > (SELECT max(last_seen) FROM {{ this }}){% endif %}{% endset %}
WITH
{% if incremental %}
open_runs AS (
  SELECT {{ key }}, valid_from AS snapshot_date, last_seen, {{ columns | join(', ') }}, _src_file, _src_row
  FROM {{ this }}
  WHERE valid_to IS NULL AND {{ key }} IN (SELECT {{ key }} FROM {{ rows }} {{ since }})
),
{% endif %}
combined AS (
  SELECT {{ key }}, snapshot_date, snapshot_date AS last_seen, {{ columns | join(', ') }}, _src_file, _src_row
  FROM {{ rows }}
  {{ since }}
  {% if incremental %}
  UNION ALL
  SELECT * FROM open_runs
  {% endif %}
),
states AS (
  SELECT {{ key }}, {% for column in state_columns %}{{ column }}, {% endfor %}
    {% for column in carried_columns %}min({{ column }}) AS {{ column }}, {% endfor %}
    min(snapshot_date) AS valid_from,
    max(last_seen) AS last_seen,
    {{ dialect.first_by('_src_file', 'snapshot_date', '_src_file') }} AS _src_file,
    {{ dialect.first_by('_src_row', 'snapshot_date', '_src_file, _src_row') }} AS _src_row
  FROM combined
  GROUP BY {{ key }}{% for column in state_columns %}, {{ column }}{% endfor %}
),
ordered AS (
  SELECT *,
    lag(last_seen) OVER (PARTITION BY {{ key }} ORDER BY valid_from) AS previous_last_seen,
    lead(valid_from) OVER (PARTITION BY {{ key }} ORDER BY valid_from) AS valid_to
  FROM states
),
tangled AS (
  SELECT DISTINCT {{ key }} FROM ordered WHERE previous_last_seen >= valid_from
),
tangled_rows AS (
  SELECT {{ key }}, snapshot_date, snapshot_date AS last_seen, {{ columns | join(', ') }}, _src_file, _src_row,
    {% for column in state_columns %}
    first_value({{ column }}) OVER (PARTITION BY {{ key }}, snapshot_date ORDER BY {{ prefer }}) AS preferred_{{ column }}{% if not loop.last %},{% endif %}
    {% endfor %}
  FROM (SELECT * FROM {{ rows }} {{ since }}) AS incoming
  WHERE {{ key }} IN (SELECT {{ key }} FROM tangled)
),
tangled_snapshots AS (
  SELECT {{ key }}, snapshot_date, last_seen, {{ columns | join(', ') }}, _src_file, _src_row
  FROM tangled_rows
  WHERE {% for column in state_columns %}{{ column }} IS NOT DISTINCT FROM preferred_{{ column }}{% if not loop.last %} AND {% endif %}{% endfor %}
  {% if incremental %}
  UNION ALL
  SELECT * FROM open_runs WHERE {{ key }} IN (SELECT {{ key }} FROM tangled)
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
  FROM tangled_snapshots
),
runs AS (
  SELECT *,
    sum(starts_run) OVER (PARTITION BY {{ key }} ORDER BY snapshot_date ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS run_no
  FROM flagged
),
untangled AS (
  SELECT {{ key }}, {% for column in state_columns %}{{ column }}, {% endfor %}
    {% for column in carried_columns %}min({{ column }}) AS {{ column }}, {% endfor %}
    min(snapshot_date) AS valid_from,
    max(last_seen) AS last_seen,
    {{ dialect.first_by('_src_file', 'snapshot_date', '_src_file') }} AS _src_file,
    {{ dialect.first_by('_src_row', 'snapshot_date', '_src_file, _src_row') }} AS _src_row
  FROM runs
  GROUP BY {{ key }}, run_no{% for column in state_columns %}, {{ column }}{% endfor %}
)
SELECT {{ key }}, {{ columns | join(', ') }}, valid_from, valid_to, last_seen, _src_file, _src_row
FROM ordered
WHERE {{ key }} NOT IN (SELECT {{ key }} FROM tangled)
UNION ALL
SELECT {{ key }}, {{ columns | join(', ') }}, valid_from,
  lead(valid_from) OVER (PARTITION BY {{ key }} ORDER BY valid_from) AS valid_to,
  last_seen, _src_file, _src_row
FROM untangled
{% endmacro %}
