{# Dialect macros for Snowflake. duckdb.sql defines the same names; a model calls dialect.<name>. #}

{% macro create_relation(kind, relation, target_lag, warehouse) -%}
{% if kind == 'view' %}CREATE OR REPLACE VIEW {{ relation }} AS{% else %}CREATE OR REPLACE DYNAMIC TABLE {{ relation }} TARGET_LAG = {{ target_lag }} WAREHOUSE = {{ warehouse }} AS{% endif %}
{%- endmacro %}

{% macro uuid_norm(x) %}upper(trim({{ x }})){% endmacro %}

{% macro add_days(d, n) %}dateadd(day, {{ n }}, CAST({{ d }} AS DATE)){% endmacro %}

{% macro days_between(a, b) %}datediff(day, CAST({{ a }} AS DATE), CAST({{ b }} AS DATE)){% endmacro %}

{% macro month_start(d) %}CAST(date_trunc('month', CAST({{ d }} AS DATE)) AS DATE){% endmacro %}

{% macro week_start(d) %}CAST(date_trunc('week', CAST({{ d }} AS DATE)) AS DATE){% endmacro %}

{% macro string_agg(x, sep, order_by) %}listagg({{ x }}, '{{ sep }}') WITHIN GROUP (ORDER BY {{ order_by }}){% endmacro %}

{% macro first_per(partition_by, order_by) %}QUALIFY row_number() OVER (PARTITION BY {{ partition_by }} ORDER BY {{ order_by }}) = 1{% endmacro %}

{% macro money(x) %}CAST({{ x }} AS DECIMAL(18,2)){% endmacro %}

{# A quantity as the sources write one: sums keep its scale, not the 38 digits an aggregate would give them. #}
{% macro quantity(x) %}CAST({{ x }} AS DECIMAL(18,4)){% endmacro %}

{% macro regex_match(s, pattern) %}nullif(regexp_substr({{ s }}, '{{ pattern }}'), ''){% endmacro %}

{% macro replace_all(s, pattern, replacement) %}regexp_replace({{ s }}, '{{ pattern }}', '{{ replacement }}'){% endmacro %}

{% macro epoch_days(d) %}datediff(day, DATE '1970-01-01', CAST({{ d }} AS DATE)){% endmacro %}

{# Snowflake's MIN_BY takes one ordering value: ties (one snapshot showing a key twice) pick either copy. #}
{% macro first_copy(column) %}{% if column == 'snapshot_date' %}min(snapshot_date){% else %}min_by({{ column }}, snapshot_date){% endif %}{% endmacro %}

{% macro first_by(x, order_by, tie_break) %}min_by({{ x }}, {{ order_by }}){% endmacro %}

{# Snowflake plans a CTE read more than once as one WithClause feeding every read; it has no keyword for it. #}
{% macro materialized() %}{% endmacro %}

{# A digest of a set of rows (order-free): a changed, added or removed row changes it. #}
{% macro row_digest(columns) %}bitxor_agg(hash({{ columns }})){% endmacro %}
