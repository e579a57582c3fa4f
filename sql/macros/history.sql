{#
  Status history stored as changes: one row per key and run of identical states, valid_from the
  first snapshot showing it, valid_to the first snapshot showing the next state (NULL while current),
  last_seen the latest snapshot that confirmed it. When copies in one snapshot disagree, the copy
  `prefer` orders first gives that snapshot's state and the others are dropped. A run's rows are
  every copy showing its state in its snapshots: carried columns keep their smallest value over them
  (for PREI: the lowest documento, the first upload), lineage the smallest file and row of its first
  snapshot, _loaded_at the latest load among them.

  Most keys never return to an earlier state, so their runs are simply their distinct states: one
  hash aggregate instead of ordering every snapshot row. A key whose states interleave (A -> B -> A,
  or two different states in one snapshot) is "tangled" and takes the exact path: each snapshot's
  copies that agree with its preferred copy, then runs of identical states in snapshot order. Both
  paths aggregate the same rows, so a key gives the same runs whichever path it takes.

  Incrementally (the model's unique_key is the key alone: every touched key's whole history is
  replaced), only rows loaded since the last build are read. A key they show in a newer snapshot
  continues from its open run, its closed runs kept as they are; a key they show in a snapshot it
  already has (a second sync the same day, a file loaded late) is rebuilt from all its rows.
#}
{# One run's columns from its rows, the same on both paths. #}
{% macro run_of(key, state_columns, carried_columns) -%}
{{ key }}, {% for column in state_columns %}{{ column }}, {% endfor %}
    {% for column in carried_columns %}min({{ column }}) AS {{ column }}, {% endfor %}
    min(snapshot_date) AS valid_from,
    max(last_seen) AS last_seen,
    {{ dialect.first_by('_src_file', 'snapshot_date', '_src_file') }} AS _src_file,
    {{ dialect.first_by('_src_row', 'snapshot_date', '_src_file, _src_row') }} AS _src_row,
    max(_loaded_at) AS _loaded_at
{%- endmacro %}

{% macro changes(rows, this, incremental, key, state_columns, carried_columns, prefer) %}
{% set columns = state_columns.concat(carried_columns) %}
{% set fields = key ~ ', snapshot_date, snapshot_date AS last_seen, ' ~ (columns | join(', ')) ~ ', _src_file, _src_row, _loaded_at' %}
{# The rows relation is read where needed rather than through a CTE, which DuckDB would materialize whole. #}
{% if incremental %}
{% set since = '_loaded_at > (SELECT max(_loaded_at) FROM ' ~ this ~ ')' %}
{% set incoming %}(
  SELECT * FROM {{ rows }} WHERE {{ since }} AND {{ key }} NOT IN (SELECT {{ key }} FROM late)
  UNION ALL
  SELECT * FROM {{ rows }} WHERE {{ key }} IN (SELECT {{ key }} FROM late)
){% endset %}
{% else %}
{% set incoming = rows %}
{% endif %}
WITH
{% if incremental %}
fresh AS (
  SELECT {{ key }}, snapshot_date FROM {{ rows }} WHERE {{ since }}
),
late AS (
  SELECT DISTINCT fresh.{{ key }}
  FROM fresh
  JOIN (
    SELECT {{ key }}, max(last_seen) AS last_seen FROM {{ this }}
    WHERE {{ key }} IN (SELECT {{ key }} FROM fresh)
    GROUP BY {{ key }}
  ) AS known
    ON known.{{ key }} = fresh.{{ key }}
  WHERE fresh.snapshot_date <= known.last_seen
),
continued AS (
  SELECT * FROM {{ this }}
  WHERE {{ key }} IN (SELECT {{ key }} FROM fresh) AND {{ key }} NOT IN (SELECT {{ key }} FROM late)
),
open_runs AS (
  SELECT {{ key }}, valid_from AS snapshot_date, last_seen, {{ columns | join(', ') }}, _src_file, _src_row, _loaded_at
  FROM continued
  WHERE valid_to IS NULL
),
{% endif %}
combined AS (
  SELECT {{ fields }} FROM {{ incoming }} AS incoming
  {% if incremental %}
  UNION ALL
  SELECT * FROM open_runs
  {% endif %}
),
states AS (
  SELECT {{ run_of(key, state_columns, carried_columns) }}
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
  SELECT {{ fields }},
    {% for column in state_columns %}
    first_value({{ column }}) OVER (PARTITION BY {{ key }}, snapshot_date ORDER BY {{ prefer }}) AS preferred_{{ column }}{% if not loop.last %},{% endif %}
    {% endfor %}
  FROM {{ incoming }} AS incoming
  WHERE {{ key }} IN (SELECT {{ key }} FROM tangled)
),
tangled_snapshots AS (
  SELECT {{ key }}, snapshot_date, last_seen, {{ columns | join(', ') }}, _src_file, _src_row, _loaded_at
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
  SELECT {{ run_of(key, state_columns, carried_columns) }}
  FROM runs
  GROUP BY {{ key }}, run_no{% for column in state_columns %}, {{ column }}{% endfor %}
)
SELECT {{ key }}, {{ columns | join(', ') }}, valid_from, valid_to, last_seen, _src_file, _src_row, _loaded_at
FROM ordered
WHERE {{ key }} NOT IN (SELECT {{ key }} FROM tangled)
UNION ALL
SELECT {{ key }}, {{ columns | join(', ') }}, valid_from,
  lead(valid_from) OVER (PARTITION BY {{ key }} ORDER BY valid_from) AS valid_to,
  last_seen, _src_file, _src_row, _loaded_at
FROM untangled
{% if incremental %}
UNION ALL
SELECT {{ key }}, {{ columns | join(', ') }}, valid_from, valid_to, last_seen, _src_file, _src_row, _loaded_at
FROM continued
WHERE valid_to IS NOT NULL
{% endif %}
{% endmacro %}
