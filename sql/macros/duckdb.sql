{# Dialect macros for DuckDB. snowflake.sql defines the same names; a model calls dialect.<name>. #}

{% macro create_relation(kind, relation, target_lag, warehouse) -%}
{% if kind == 'view' %}CREATE OR REPLACE VIEW {{ relation }} AS{% else %}CREATE OR REPLACE TABLE {{ relation }} AS{% endif %}
{%- endmacro %}

{% macro uuid_norm(x) %}upper(trim({{ x }})){% endmacro %}

{% macro add_days(d, n) %}CAST(CAST({{ d }} AS DATE) + CAST({{ n }} AS INTEGER) AS DATE){% endmacro %}

{% macro days_between(a, b) %}CAST(date_diff('day', CAST({{ a }} AS DATE), CAST({{ b }} AS DATE)) AS INTEGER){% endmacro %}

{% macro month_start(d) %}CAST(date_trunc('month', CAST({{ d }} AS DATE)) AS DATE){% endmacro %}

{% macro week_start(d) %}CAST(date_trunc('week', CAST({{ d }} AS DATE)) AS DATE){% endmacro %}

{% macro string_agg(x, sep, order_by) %}string_agg({{ x }}, '{{ sep }}' ORDER BY {{ order_by }}){% endmacro %}

{% macro first_per(partition_by, order_by) %}QUALIFY row_number() OVER (PARTITION BY {{ partition_by }} ORDER BY {{ order_by }}) = 1{% endmacro %}

{% macro money(x) %}CAST({{ x }} AS DECIMAL(18,2)){% endmacro %}

{# A quantity as the sources write one: sums keep its scale, not the 38 digits an aggregate would give them. #}
{% macro quantity(x) %}CAST({{ x }} AS DECIMAL(18,4)){% endmacro %}

{% macro regex_match(s, pattern) %}nullif(regexp_extract({{ s }}, '{{ pattern }}'), ''){% endmacro %}

{% macro replace_all(s, pattern, replacement) %}regexp_replace({{ s }}, '{{ pattern }}', '{{ replacement }}', 'g'){% endmacro %}

{% macro epoch_days(d) %}CAST(date_diff('day', DATE '1970-01-01', CAST({{ d }} AS DATE)) AS BIGINT){% endmacro %}

{#
  One column of a group's first copy: the row with the smallest (snapshot_date, _src_file, _src_row).
  DuckDB computes the identical min() once for every column asked of it: one struct min, a third
  cheaper than an arg_min per column over 30M raw rows.
#}
{% macro first_copy(column) %}min({snapshot_date: snapshot_date, _src_file: _src_file, _src_row: _src_row}).{{ column }}{% endmacro %}

{% macro first_by(x, order_by, tie_break) %}arg_min({{ x }}, ({{ order_by }}, {{ tie_break }})){% endmacro %}

{# A CTE read more than once, computed once: DuckDB would otherwise inline it at every read. #}
{% macro materialized() %}MATERIALIZED{% endmacro %}

{# A digest of a set of rows (order-free): a changed, added or removed row changes it. #}
{% macro row_digest(columns) %}bit_xor(hash({{ columns }})){% endmacro %}
