{#
  Status history stored as changes: one row per key and run of identical states, valid_from the
  first snapshot showing it, valid_to the first snapshot showing the next state (NULL while current),
  last_seen the latest snapshot that confirmed it. When copies in one snapshot disagree, the copy
  `prefer` orders first gives that snapshot's state and the others are dropped. A run's rows are
  every copy showing its state in its snapshots: carried columns keep their smallest value over them
  (for PREI: the lowest documento, the first upload), lineage the smallest file and row of its first
  snapshot, _loaded_at the latest load among them.

  Most keys never return to an earlier state, so their runs are simply their distinct states: one
  hash aggregate instead of ordering every snapshot row. That aggregate runs on the raw columns
  (`raw_columns`, everything the key, states and carried columns are typed from) and its groups are
  typed after (`typed`, a map of macros/typing.sql) and merged: typing the 23M PREI rows of a million
  altas would cost more than grouping them. A key whose states interleave (A -> B -> A,
  or two different states in one snapshot) is "tangled" and takes the exact path: each snapshot's
  copies that agree with its preferred copy, then runs of identical states in snapshot order; only
  its rows are typed, found through `raw_key`. Both
  paths aggregate the same rows, so a key gives the same runs whichever path it takes.

  Incrementally (the model's unique_key is the key alone: every touched key's whole history is
  replaced), only rows loaded since the last build are read. A key they show in a newer snapshot
  continues from its open run, its closed runs kept as they are; a key they show in a snapshot it
  already has (a second sync the same day, a file loaded late) is rebuilt from all its rows.
#}
{% import "macros/typing.sql" as typing with context %}

{# One run's columns from its rows, the same on both paths and for the raw groups that feed the fast one. #}
{% macro run_of(key, state_columns, carried_columns) -%}
{{ key }}, {% for column in state_columns %}{{ column }}, {% endfor %}
    {% for column in carried_columns %}min({{ column }}) AS {{ column }}, {% endfor %}
    {{ dialect.first_copy('snapshot_date') }} AS valid_from,
    max(last_seen) AS last_seen,
    {{ dialect.first_copy('_src_file') }} AS _src_file,
    {{ dialect.first_copy('_src_row') }} AS _src_row,
    max(_loaded_at) AS _loaded_at
{%- endmacro %}

{% macro changes(source, typed, this, incremental, raw_key, raw_columns, key, state_columns, carried_columns, prefer) %}
{% set columns = state_columns.concat(carried_columns) %}
{# Every relation below is projected through run_fields, so that UNION ALL lines columns up by position. #}
{% set run_fields = key ~ ', ' ~ (columns | join(', ')) ~ ', snapshot_date, last_seen, _src_file, _src_row, _loaded_at' %}
{% set typed_rows %}SELECT {{ typing.columns(typed) }}snapshot_date, snapshot_date AS last_seen, _src_file, _src_row, _loaded_at FROM {{ source }}{% endset %}
{% set since = '_loaded_at > (SELECT max(_loaded_at) FROM ' ~ this ~ ')' %}
{# The source is read where needed rather than through a CTE, which DuckDB would materialize whole. #}
WITH
{% if incremental %}
fresh AS (
  SELECT {{ typing.columns(typed, [key]) }}snapshot_date FROM {{ source }} WHERE {{ since }}
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
late_rows AS (
  SELECT * FROM ({{ typed_rows }}) AS typed_rows WHERE {{ key }} IN (SELECT {{ key }} FROM late)
),
continued AS (
  SELECT * FROM {{ this }}
  WHERE {{ key }} IN (SELECT {{ key }} FROM fresh) AND {{ key }} NOT IN (SELECT {{ key }} FROM late)
),
open_runs AS (
  SELECT {{ key }}, {{ columns | join(', ') }}, valid_from AS snapshot_date, last_seen, _src_file, _src_row, _loaded_at
  FROM continued
  WHERE valid_to IS NULL
),
{% endif %}
{#
  Raw rows grouped by the raw columns the key, states and carried columns are typed from: each group is
  one run's worth of rows, or part of one, aggregated as runs are so that the typed groups merge exactly.
#}
reduced AS (
  SELECT {{ run_of(raw_columns | join(', '), [], []) }}
  FROM (SELECT *, snapshot_date AS last_seen FROM {{ source }} {% if incremental %}WHERE {{ since }}{% endif %}) AS raw_rows
  GROUP BY {{ raw_columns | join(', ') }}
),
typed_reduced AS {{ dialect.materialized() }} (
  SELECT {{ typing.columns(typed, [key].concat(columns)) }}{{ raw_key }} AS raw_key,
    valid_from AS snapshot_date, last_seen, _src_file, _src_row, _loaded_at
  FROM reduced
),
combined AS (
  SELECT {{ run_fields }} FROM typed_reduced
  {% if incremental %}
  WHERE {{ key }} NOT IN (SELECT {{ key }} FROM late)
  UNION ALL
  SELECT {{ run_fields }} FROM late_rows
  UNION ALL
  SELECT {{ run_fields }} FROM open_runs
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
{# A tangled key's rows one by one, found through their raw keys so that only they are typed. #}
tangled_incoming AS (
  SELECT * FROM ({{ typed_rows }}
    WHERE {{ raw_key }} IN (SELECT raw_key FROM typed_reduced WHERE {{ key }} IN (SELECT {{ key }} FROM tangled))
    {% if incremental %}AND {{ since }}{% endif %}
  ) AS typed_rows
  {% if incremental %}
  WHERE {{ key }} NOT IN (SELECT {{ key }} FROM late)
  UNION ALL
  SELECT * FROM late_rows WHERE {{ key }} IN (SELECT {{ key }} FROM tangled)
  {% endif %}
),
tangled_rows AS (
  SELECT {{ run_fields }},
    {% for column in state_columns %}
    first_value({{ column }}) OVER (PARTITION BY {{ key }}, snapshot_date ORDER BY {{ prefer }}) AS preferred_{{ column }}{% if not loop.last %},{% endif %}
    {% endfor %}
  FROM tangled_incoming
),
tangled_snapshots AS (
  SELECT {{ run_fields }}
  FROM tangled_rows
  WHERE {% for column in state_columns %}{{ column }} IS NOT DISTINCT FROM preferred_{{ column }}{% if not loop.last %} AND {% endif %}{% endfor %}
  {% if incremental %}
  UNION ALL
  SELECT {{ run_fields }} FROM open_runs WHERE {{ key }} IN (SELECT {{ key }} FROM tangled)
  {% endif %}
),
{# Both windows order copies of one snapshot the same way: with ties left to each window, a copy could
   open a run in one and count in the run before it in the other. #}
flagged AS (
  SELECT *,
    CASE WHEN
      {% for column in state_columns %}
      lag({{ column }}) OVER (PARTITION BY {{ key }} ORDER BY snapshot_date, _src_file, _src_row) IS NOT DISTINCT FROM {{ column }}
      {% if not loop.last %}AND{% endif %}
      {% endfor %}
      AND lag(snapshot_date) OVER (PARTITION BY {{ key }} ORDER BY snapshot_date, _src_file, _src_row) IS NOT NULL
    THEN 0 ELSE 1 END AS starts_run
  FROM tangled_snapshots
),
runs AS (
  SELECT *,
    sum(starts_run) OVER (PARTITION BY {{ key }} ORDER BY snapshot_date, _src_file, _src_row ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS run_no
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
