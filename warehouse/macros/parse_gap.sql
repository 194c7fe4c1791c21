{#
  Gaps from /intervals and /session_result mix a number of seconds, a string "+1 LAP" /
  "+2 LAPS", and NULL for the leader (API.md §5.1). gap_seconds() gives the seconds (NULL when
  the gap is in laps), gap_laps() the number of laps behind (0 when the gap is in seconds).
#}
{% macro gap_seconds(expr) -%}
  try_cast(nullif(trim(replace(cast({{ expr }} as varchar), '+', '')), '') as double)
{%- endmacro %}

{% macro gap_laps(expr) -%}
  (
    case
      when cast({{ expr }} as varchar) ilike '%lap%'
        then try_cast(regexp_extract(cast({{ expr }} as varchar), '([0-9]+)', 1) as integer)
      when {{ expr }} is null then null
      else 0
    end
  )
{%- endmacro %}
