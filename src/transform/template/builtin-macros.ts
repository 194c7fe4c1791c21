/**
 * @module transform/template/builtin-macros
 * The macros that ship with the engine, written in Jinja as dbt writes them: the generic data
 * tests (`unique`, `not_null`, `accepted_values`, `relationships`), the dbt_utils tests of
 * REFERENCE.md §1, and dbt's cross-database and naming macros (`dbt/cross-db-macros.ts`). A project macro with
 * the same name overrides a built-in one, as in dbt.
 */
import { CROSS_DB_MACROS } from './dbt/cross-db-macros.js'
import type { MacroFile } from './template-engine.js'

const CORE_TESTS = `
{% test not_null(model, column_name) %}
select {{ column_name }} from {{ model }} where {{ column_name }} is null
{% endtest %}

{% test unique(model, column_name) %}
select {{ column_name }} as unique_field, count(*) as n_records
from {{ model }}
where {{ column_name }} is not null
group by {{ column_name }}
having count(*) > 1
{% endtest %}

{% test accepted_values(model, column_name, values, quote=true) %}
with all_values as (
  select {{ column_name }} as value_field, count(*) as n_records
  from {{ model }}
  group by {{ column_name }}
)
select * from all_values
where value_field not in (
  {%- for value in values -%}
  {%- if quote -%}'{{ value }}'{%- else -%}{{ value }}{%- endif -%}
  {%- if not loop.last -%}, {% endif -%}
  {%- endfor -%}
)
{% endtest %}

{% test relationships(model, column_name, to, field) %}
with child as (
  select {{ column_name }} as from_field from {{ model }} where {{ column_name }} is not null
),
parent as (
  select {{ field }} as to_field from {{ to }}
)
select from_field from child
left join parent on child.from_field = parent.to_field
where parent.to_field is null
{% endtest %}
`

const DBT_UTILS = `
{% macro generate_surrogate_key(field_list) -%}
md5(cast(concat_ws('-'
{%- for field in field_list -%}
, coalesce(cast({{ field }} as varchar), '_dbt_utils_surrogate_key_null_')
{%- endfor -%}
) as varchar))
{%- endmacro %}

{% test unique_combination_of_columns(model, combination_of_columns, quote_columns=false) %}
{%- set cols = combination_of_columns -%}
{%- if quote_columns -%}{%- set cols = [] -%}{%- for c in combination_of_columns -%}{%- do cols.append(adapter.quote(c)) -%}{%- endfor -%}{%- endif -%}
{%- set cols = cols | join(', ') -%}
with validation_errors as (
  select {{ cols }}, count(*) as n_records
  from {{ model }}
  group by {{ cols }}
  having count(*) > 1
)
select * from validation_errors
{% endtest %}

{% test expression_is_true(model, expression, column_name=none) %}
select * from {{ model }}
{% if column_name is none -%}
where not({{ expression }})
{%- else -%}
where not({{ column_name }} {{ expression }})
{%- endif %}
{% endtest %}

{% test accepted_range(model, column_name, min_value=none, max_value=none, inclusive=true) %}
with meet_condition as (select * from {{ model }}),
validation_errors as (
  select * from meet_condition
  where 1 = 2
  {%- if min_value is not none %}
    or not {{ column_name }} >{{ "=" if inclusive }} {{ min_value }}
  {%- endif %}
  {%- if max_value is not none %}
    or not {{ column_name }} <{{ "=" if inclusive }} {{ max_value }}
  {%- endif %}
)
select * from validation_errors
{% endtest %}

{% test not_null_proportion(model, column_name, at_least, at_most=1.0, group_by_columns=[]) %}
{%- set gb = group_by_columns | join(', ') ~ ', ' if group_by_columns | length > 0 else '' -%}
with validation as (
  select {{ gb }}sum(case when {{ column_name }} is null then 0 else 1 end) / cast(count(*) as double)
    as not_null_proportion
  from {{ model }}
  {%- if group_by_columns | length > 0 %}
  group by {{ group_by_columns | join(', ') }}
  {%- endif %}
),
validation_errors as (
  select {{ gb }}not_null_proportion from validation
  where not_null_proportion < {{ at_least }} or not_null_proportion > {{ at_most }}
)
select * from validation_errors
{% endtest %}

{% test relationships_where(model, column_name, to, field, from_condition="1=1", to_condition="1=1") %}
with left_table as (
  select {{ column_name }} as id from {{ model }}
  where {{ column_name }} is not null and {{ from_condition }}
),
right_table as (
  select {{ field }} as id from {{ to }}
  where {{ field }} is not null and {{ to_condition }}
),
exceptions as (
  select left_table.id, right_table.id as right_id
  from left_table left join right_table on left_table.id = right_table.id
  where right_table.id is null
)
select * from exceptions
{% endtest %}

{% test recency(model, field, datepart, interval, ignore_time_component=false, group_by_columns=[]) %}
{%- set as_type = 'date' if ignore_time_component else 'timestamp' -%}
{%- set threshold = "cast(cast(now() as timestamp) - interval '" ~ interval ~ " " ~ datepart ~ "' as " ~ as_type ~ ")" -%}
{%- set gb = group_by_columns | join(', ') ~ ', ' if group_by_columns | length > 0 else '' -%}
with recency as (
  select {{ gb }}cast(max({{ field }}) as {{ as_type }}) as most_recent from {{ model }}
  {%- if group_by_columns | length > 0 %}
  group by {{ group_by_columns | join(', ') }}
  {%- endif %}
)
select {{ gb }}most_recent, {{ threshold }} as threshold
from recency
where most_recent < {{ threshold }} or most_recent is null
{% endtest %}

{% test at_least_one(model, column_name, group_by_columns=[]) %}
{%- if group_by_columns | length > 0 %}
select {{ group_by_columns | join(', ') }}, count({{ column_name }}) as filler_column
from {{ model }}
group by {{ group_by_columns | join(', ') }}
having count({{ column_name }}) = 0
{%- else %}
select * from (
  select count({{ column_name }}) as filler_column from {{ model }}
) counts
where filler_column = 0
{%- endif %}
{% endtest %}

{% test sequential_values(model, column_name, interval=1, datepart=none, group_by_columns=[]) %}
{%- set partition = "partition by " ~ (group_by_columns | join(", ")) if group_by_columns | length > 0 else "" -%}
with windowed as (
  select {{ group_by_columns | join(", ") ~ ", " if group_by_columns | length > 0 }}{{ column_name }},
    lag({{ column_name }}) over ({{ partition }} order by {{ column_name }}) as previous_{{ column_name }}
  from {{ model }}
),
validation_errors as (
  select * from windowed
  {%- if datepart is none %}
  where not({{ column_name }} = previous_{{ column_name }} + {{ interval }})
  {%- else %}
  where not(cast({{ column_name }} as timestamp) = cast(previous_{{ column_name }} as timestamp) + interval '{{ interval }} {{ datepart }}')
  {%- endif %}
)
select * from validation_errors
{% endtest %}

{% test not_constant(model, column_name, group_by_columns=[]) %}
{%- set gb = group_by_columns | join(', ') ~ ', ' if group_by_columns | length > 0 else '' -%}
select {{ gb }}count(distinct {{ column_name }}) as filler_column from {{ model }}
{%- if group_by_columns | length > 0 %}
group by {{ group_by_columns | join(', ') }}
{%- endif %}
having count(distinct {{ column_name }}) = 1
{% endtest %}

{% test not_empty_string(model, column_name, trim_whitespace=true) %}
select {{ column_name }} from {{ model }}
where {% if trim_whitespace %}trim({{ column_name }}){% else %}{{ column_name }}{% endif %} = ''
{% endtest %}

{% test not_accepted_values(model, column_name, values, quote=true) %}
select {{ column_name }} as value_field from {{ model }}
where {{ column_name }} in (
  {%- for value in values -%}
  {%- if quote -%}'{{ value }}'{%- else -%}{{ value }}{%- endif -%}
  {%- if not loop.last -%}, {% endif -%}
  {%- endfor -%}
)
{% endtest %}

{% test equal_rowcount(model, compare_model, group_by_columns=[]) %}
{#- As dbt_utils: the failures are the summed count differences per group (a group present on
    one side only is not compared, as in dbt_utils). -#}
{{ config(fail_calc='sum(coalesce(diff_count, 0))') }}
{%- set gb = group_by_columns | join(', ') ~ ', ' if group_by_columns | length > 0 else '' -%}
with a as (
  select {{ gb }}count(*) as count_a from {{ model }}
  {%- if group_by_columns | length > 0 %}
  group by {{ group_by_columns | join(', ') }}
  {%- endif %}
),
b as (
  select {{ gb }}count(*) as count_b from {{ compare_model }}
  {%- if group_by_columns | length > 0 %}
  group by {{ group_by_columns | join(', ') }}
  {%- endif %}
)
select {% for c in group_by_columns %}a.{{ c }} as {{ c }}_a, b.{{ c }} as {{ c }}_b, {% endfor -%}
  count_a, count_b, abs(count_a - count_b) as diff_count
from a full join b on true{% for c in group_by_columns %} and a.{{ c }} = b.{{ c }}{% endfor %}
where count_a != count_b
{% endtest %}

{% test cardinality_equality(model, column_name, to, field) %}
with table_a as (
  select {{ column_name }}, count(*) as num_rows from {{ model }} group by {{ column_name }}
),
table_b as (
  select {{ field }}, count(*) as num_rows from {{ to }} group by {{ field }}
),
except_a as (select * from table_a {{ dbt.except() }} select * from table_b),
except_b as (select * from table_b {{ dbt.except() }} select * from table_a)
select * from except_a
union all
select * from except_b
{% endtest %}

{% test equality(model, compare_model, compare_columns=none, exclude_columns=none, precision=none) %}
{#- As dbt_utils: rows in one relation and not the other, on the compared columns (all of
    them by default, both relations needing the same set), numbers rounded to \`precision\`. -#}
{%- if compare_columns and exclude_columns -%}
{{ exceptions.raise_compiler_error("Both a compare and an ignore list were provided to the \`equality\` macro. Only one is allowed") }}
{%- endif -%}
{{ config(fail_calc="count(*) + coalesce(abs(sum(case when which_diff = 'a_minus_b' then 1 else 0 end) - sum(case when which_diff = 'b_minus_a' then 1 else 0 end)), 0)") }}
{%- set excluded = (exclude_columns or []) | map('lower') | list -%}
{%- set wanted = (compare_columns or []) | map('lower') | list -%}
{%- set cols = [] -%}
{%- if compare_columns and not precision -%}
  {%- set cols = compare_columns -%}
{%- else -%}
  {%- set model_columns = adapter.get_columns_in_relation(model) -%}
  {%- if not compare_columns -%}
    {%- set theirs = adapter.get_columns_in_relation(compare_model) | map(attribute='name') | map('lower') | reject('in', excluded) | list -%}
    {%- set ours = model_columns | map(attribute='name') | map('lower') | reject('in', excluded) | list -%}
    {%- if ours | sort != theirs | sort -%}
    {{ exceptions.raise_compiler_error(compare_model ~ " has less columns than " ~ model ~ ", please ensure they have the same columns or use the \`compare_columns\` or \`exclude_columns\` arguments to subset them.") }}
    {%- endif -%}
  {%- endif -%}
  {%- for col in model_columns -%}
    {%- if (not wanted or col.name | lower in wanted) and col.name | lower not in excluded -%}
      {%- if precision and (col.is_float() or col.is_numeric()) -%}
        {%- do cols.append('round(cast(' ~ col.quoted ~ ' as ' ~ dbt.type_numeric() ~ '), ' ~ precision ~ ') as ' ~ col.quoted) -%}
      {%- else -%}
        {%- do cols.append(col.quoted) -%}
      {%- endif -%}
    {%- endif -%}
  {%- endfor -%}
{%- endif -%}
{%- set csv = cols | join(', ') %}
with a as (select * from {{ model }}),
b as (select * from {{ compare_model }}),
a_minus_b as (select {{ csv }} from a {{ dbt.except() }} select {{ csv }} from b),
b_minus_a as (select {{ csv }} from b {{ dbt.except() }} select {{ csv }} from a)
select 'a_minus_b' as which_diff, a_minus_b.* from a_minus_b
union all
select 'b_minus_a' as which_diff, b_minus_a.* from b_minus_a
{% endtest %}

{% test mutually_exclusive_ranges(model, lower_bound_column, upper_bound_column, partition_by=none, gaps='allowed', zero_length_range_allowed=false) %}
{#- As dbt_utils: each range ends at or before the next one starts (gaps: 'allowed' <=,
    'not_allowed' =, 'required' <), and starts before it ends (<= with zero-length ranges). -#}
{%- set gap_ops = {'not_allowed': ['=', 'equal_to'], 'allowed': ['<=', 'less_than_or_equal_to'], 'required': ['<', 'less_than']} -%}
{%- if gaps not in gap_ops -%}
{{ exceptions.raise_compiler_error("\`gaps\` argument for mutually_exclusive_ranges test must be one of ['not_allowed', 'allowed', 'required'] Got: '" ~ gaps ~ "'.'") }}
{%- endif -%}
{%- set gap_op, gap_words = gap_ops[gaps] -%}
{%- set len_op, len_words = ['<=', 'less_than_or_equal_to'] if zero_length_range_allowed else ['<', 'less_than'] -%}
{%- set partition_clause = "partition by " ~ partition_by if partition_by else '' %}
with window_functions as (
  select
    {% if partition_by %}{{ partition_by }} as partition_by_col,{% endif %}
    {{ lower_bound_column }} as lower_bound,
    {{ upper_bound_column }} as upper_bound,
    lead({{ lower_bound_column }}) over ({{ partition_clause }} order by {{ lower_bound_column }}, {{ upper_bound_column }}) as next_lower_bound,
    row_number() over ({{ partition_clause }} order by {{ lower_bound_column }} desc, {{ upper_bound_column }} desc) = 1 as is_last_record
  from {{ model }}
),
calc as (
  select *,
    coalesce(lower_bound {{ len_op }} upper_bound, false) as lower_bound_{{ len_words }}_upper_bound,
    coalesce(upper_bound {{ gap_op }} next_lower_bound, is_last_record, false) as upper_bound_{{ gap_words }}_next_lower_bound
  from window_functions
)
select * from calc
where not(lower_bound_{{ len_words }}_upper_bound and upper_bound_{{ gap_words }}_next_lower_bound)
{% endtest %}

{% test fewer_rows_than(model, compare_model, group_by_columns=[]) %}
{{ config(fail_calc='sum(coalesce(row_count_delta, 0))') }}
{%- set gb = group_by_columns | join(', ') ~ ', ' if group_by_columns | length > 0 else '' -%}
with a as (
  select {{ gb }}count(*) as count_our_model from {{ model }}
  {%- if group_by_columns | length > 0 %}
  group by {{ group_by_columns | join(', ') }}
  {%- endif %}
),
b as (
  select {{ gb }}count(*) as count_comparison_model from {{ compare_model }}
  {%- if group_by_columns | length > 0 %}
  group by {{ group_by_columns | join(', ') }}
  {%- endif %}
),
counts as (
  select {% for c in group_by_columns %}a.{{ c }} as {{ c }}_a, b.{{ c }} as {{ c }}_b, {% endfor -%}
    count_our_model, count_comparison_model
  from a full join b on true{% for c in group_by_columns %} and a.{{ c }} = b.{{ c }}{% endfor %}
)
select *,
  case
    when count_our_model > count_comparison_model then count_our_model - count_comparison_model
    when count_our_model = count_comparison_model then 1
    else 0
  end as row_count_delta
from counts
where count_our_model >= count_comparison_model
{% endtest %}
`

/**
 * Schema naming for pitwall's own output types (`local`, `databricks`): the catalog is the
 * environment and schemas are the medallion layers, so a custom schema is used as written. dbt
 * adapters' outputs (`type: duckdb`) keep dbt's `<target schema>_<custom>`; a project macro
 * overrides either.
 */
export const LAKEHOUSE_NAMING_FILE: MacroFile = {
  file: '<builtin>/dbt/lakehouse_naming.sql',
  packageName: 'dbt',
  text: `{% macro default__generate_schema_name(custom_schema_name, node) -%}
  {%- if custom_schema_name is none or custom_schema_name == '' -%}{{ target.schema }}
  {%- else -%}{{ custom_schema_name | trim }}{%- endif -%}
{%- endmacro %}`,
}

/** The built-in macro files, in load order (a later file with the same macro name wins). */
export const BUILTIN_MACRO_FILES: readonly MacroFile[] = [
  { file: '<builtin>/dbt/tests.sql', text: CORE_TESTS, packageName: 'dbt' },
  { file: '<builtin>/dbt/cross_db.sql', text: CROSS_DB_MACROS, packageName: 'dbt' },
  { file: '<builtin>/dbt_utils/macros.sql', text: DBT_UTILS, packageName: 'dbt_utils' },
]
