{#-
  Dialect macros (issue 17): what DuckDB and Databricks SQL spell differently, dispatched per
  adapter (adapter.dispatch: databricks__<name> on a Databricks target, default__<name> — DuckDB,
  the embedded engine — otherwise). The default__ bodies are the SQL the models always had, so the
  embedded build compiles to the same text. Identifier quoting and cast type names (varchar,
  timestamptz, T[]) are rewritten by the Databricks engine adapter, not here.
-#}

{#- Seconds between two timestamps, as a double (DuckDB: epoch of the interval). -#}
{%- macro seconds_between(start, end) -%}{{ return(adapter.dispatch('seconds_between')(start, end)) }}{%- endmacro -%}
{%- macro default__seconds_between(start, end) -%}epoch({{ end }} - {{ start }}){%- endmacro -%}
{%- macro databricks__seconds_between(start, end) -%}((unix_micros({{ end }}) - unix_micros({{ start }})) / 1000000.0){%- endmacro -%}

{#- The value of `value` on the row with the smallest / largest `by` (DuckDB arg_min, Databricks min_by). -#}
{%- macro value_at_min(value, by) -%}{{ return(adapter.dispatch('value_at_min')(value, by)) }}{%- endmacro -%}
{%- macro default__value_at_min(value, by) -%}arg_min({{ value }}, {{ by }}){%- endmacro -%}
{%- macro databricks__value_at_min(value, by) -%}min_by({{ value }}, {{ by }}){%- endmacro -%}
{%- macro value_at_max(value, by) -%}{{ return(adapter.dispatch('value_at_max')(value, by)) }}{%- endmacro -%}
{%- macro default__value_at_max(value, by) -%}arg_max({{ value }}, {{ by }}){%- endmacro -%}
{%- macro databricks__value_at_max(value, by) -%}max_by({{ value }}, {{ by }}){%- endmacro -%}

{#- The last non-NULL element of a list (NULL for an empty list). -#}
{%- macro last_non_null(list) -%}{{ return(adapter.dispatch('last_non_null')(list)) }}{%- endmacro -%}
{%- macro default__last_non_null(list) -%}list_last(list_filter({{ list }}, d -> d is not null)){%- endmacro -%}
{%- macro databricks__last_non_null(list) -%}try_element_at(filter({{ list }}, d -> d is not null), -1){%- endmacro -%}

{#- The n-th element (1-based) of a list, NULL past its end. -#}
{%- macro list_item(list, n) -%}{{ return(adapter.dispatch('list_item')(list, n)) }}{%- endmacro -%}
{%- macro default__list_item(list, n) -%}{{ list }}[{{ n }}]{%- endmacro -%}
{%- macro databricks__list_item(list, n) -%}try_element_at({{ list }}, {{ n }}){%- endmacro -%}

{#- How many elements of the three segment lists (NULL lists count as empty) equal `value`. -#}
{%- macro count_in_lists(lists, value) -%}{{ return(adapter.dispatch('count_in_lists')(lists, value)) }}{%- endmacro -%}
{%- macro default__count_in_lists(lists, value) -%}list_count(list_filter(
    list_concat({% for l in lists %}coalesce({{ l }}, []){% if not loop.last %}, {% endif %}{% endfor %}),
    s -> s = {{ value }}
  )){%- endmacro -%}
{%- macro databricks__count_in_lists(lists, value) -%}size(filter(
    concat({% for l in lists %}coalesce({{ l }}, array()){% if not loop.last %}, {% endif %}{% endfor %}),
    s -> s = {{ value }}
  )){%- endmacro -%}

{#- Whole-string and partial regular-expression matches. -#}
{%- macro regex_full_match(value, pattern) -%}{{ return(adapter.dispatch('regex_full_match')(value, pattern)) }}{%- endmacro -%}
{%- macro default__regex_full_match(value, pattern) -%}regexp_full_match({{ value }}, {{ pattern }}){%- endmacro -%}
{%- macro databricks__regex_full_match(value, pattern) -%}regexp_like({{ value }}, concat('^(?:', {{ pattern }}, ')$')){%- endmacro -%}
{%- macro regex_contains(value, pattern) -%}{{ return(adapter.dispatch('regex_contains')(value, pattern)) }}{%- endmacro -%}
{%- macro default__regex_contains(value, pattern) -%}regexp_matches({{ value }}, {{ pattern }}){%- endmacro -%}
{%- macro databricks__regex_contains(value, pattern) -%}regexp_like({{ value }}, {{ pattern }}){%- endmacro -%}

{#- Prefix test. -#}
{%- macro has_prefix(value, prefix) -%}{{ return(adapter.dispatch('has_prefix')(value, prefix)) }}{%- endmacro -%}
{%- macro default__has_prefix(value, prefix) -%}starts_with({{ value }}, {{ prefix }}){%- endmacro -%}
{%- macro databricks__has_prefix(value, prefix) -%}startswith({{ value }}, {{ prefix }}){%- endmacro -%}

{#- A timestamp from epoch milliseconds. -#}
{%- macro timestamp_from_millis(ms) -%}{{ return(adapter.dispatch('timestamp_from_millis')(ms)) }}{%- endmacro -%}
{%- macro default__timestamp_from_millis(ms) -%}to_timestamp({{ ms }} / 1000.0){%- endmacro -%}
{%- macro databricks__timestamp_from_millis(ms) -%}timestamp_millis({{ ms }}){%- endmacro -%}

{#-
  ASOF joins. DuckDB joins each left row to the right row with the greatest match value at or
  before it. Databricks SQL has no ASOF JOIN: it joins every right row that qualifies and keeps
  the latest per left row (asof_pick, placed after the model's WHERE: a QUALIFY). The WHERE runs
  before that pick on Databricks and after it on DuckDB — the same rows while the right side's
  intervals do not overlap (laps of one driver never do).
-#}
{%- macro asof_join(right, left=false) -%}{{ return(adapter.dispatch('asof_join')(right, left)) }}{%- endmacro -%}
{%- macro default__asof_join(right, left) -%}asof {% if left %}left {% endif %}join {{ right }}{%- endmacro -%}
{%- macro databricks__asof_join(right, left) -%}{% if left %}left {% endif %}join {{ right }}{%- endmacro -%}
{%- macro asof_pick(left_alias, left_key, right_match) -%}{{ return(adapter.dispatch('asof_pick')(left_alias, left_key, right_match)) }}{%- endmacro -%}
{%- macro default__asof_pick(left_alias, left_key, right_match) -%}{%- endmacro -%}
{%- macro databricks__asof_pick(left_alias, left_key, right_match) %}
  qualify row_number() over (partition by {% for k in left_key %}{{ left_alias }}.{{ k }}{% if not loop.last %}, {% endif %}{% endfor %} order by {{ right_match }} desc) = 1
{%- endmacro -%}

{#-
  The rows of a bronze table on top of its typed empty row set, matched by column name. DuckDB:
  UNION ALL BY NAME (a field the table lacks reads as NULL). Databricks SQL has no BY NAME: the
  table's columns are selected in the empty set's order and cast to its types (the Databricks
  bronze load creates each table with every catalogued column, so none is missing).
-#}
{%- macro union_by_name_from(relation, columns) -%}{{ return(adapter.dispatch('union_by_name_from')(relation, columns)) }}{%- endmacro -%}
{%- macro default__union_by_name_from(relation, columns) -%}union all by name
    select * from {{ relation }}{%- endmacro -%}
{%- macro databricks__union_by_name_from(relation, columns) -%}union all
    select
      {%- for c in columns %}
      cast({{ c[0] }} as {{ c[1] }}) as {{ c[0] }},
      {%- endfor %}
      cast(_ingestion_timestamp as timestamp) as _ingestion_timestamp,
      cast(_source_file as string) as _source_file,
      cast(batch_day as date) as batch_day,
      cast(_rescued_data as string) as _rescued_data
    from {{ relation }}{%- endmacro -%}

{#-
  UNION ALL BY NAME between two selects where the second lacks some of the first's columns.
  DuckDB fills them with NULL itself; on Databricks (positional UNION ALL) by_name_nulls puts
  typed NULLs for them where it stands — the model places it so the columns line up.
-#}
{%- macro union_all_by_name() -%}{{ return(adapter.dispatch('union_all_by_name')()) }}{%- endmacro -%}
{%- macro default__union_all_by_name() -%}union all by name{%- endmacro -%}
{%- macro databricks__union_all_by_name() -%}union all{%- endmacro -%}
{%- macro by_name_nulls(columns, type='string') -%}{{ return(adapter.dispatch('by_name_nulls')(columns, type)) }}{%- endmacro -%}
{%- macro default__by_name_nulls(columns, type) -%}{%- endmacro -%}
{%- macro databricks__by_name_nulls(columns, type) -%}
  {%- for c in columns %}
    cast(null as {{ type }}) as {{ c }},
  {%- endfor %}
{%- endmacro -%}
