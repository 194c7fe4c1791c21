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
