{#
  session_category(name, type): the original design's session category, from session_name
  (session_type alone cannot tell a Sprint from a Race or a Sprint Qualifying from a Qualifying,
  API.md §5.1). Values: Race, Sprint, Qualifying, Sprint Qualifying, Practice, Testing, Other.
#}
{% macro session_category(name_expr, type_expr) -%}
  (
    case
      when {{ name_expr }} = 'Race' then 'Race'
      when {{ name_expr }} = 'Sprint' then 'Sprint'
      when {{ name_expr }} in ('Sprint Qualifying', 'Sprint Shootout') then 'Sprint Qualifying'
      when {{ name_expr }} = 'Qualifying' then 'Qualifying'
      when {{ name_expr }} like 'Practice%' and {{ name_expr }} not ilike '%day%' then 'Practice'
      when {{ name_expr }} ilike '%day%' or {{ name_expr }} ilike '%test%' then 'Testing'
      when {{ type_expr }} in ('Race', 'Qualifying', 'Practice') then {{ type_expr }}
      else 'Other'
    end
  )
{%- endmacro %}

{#
  gmt_offset_minutes(expr): "HH:MM:SS", "-04:00:00" or "+08:00" as signed minutes east of UTC.
#}
{% macro gmt_offset_minutes(expr) -%}
  (
    case
      when {{ regex_full_match('trim(' ~ expr ~ ')', "'[+-]?[0-9]{1,2}:[0-9]{2}(:[0-9]{2})?'") }}
        then (case when {{ has_prefix('trim(' ~ expr ~ ')', "'-'") }} then -1 else 1 end)
          * (
            cast(regexp_extract(trim({{ expr }}), '([0-9]{1,2}):([0-9]{2})', 1) as integer) * 60
            + cast(regexp_extract(trim({{ expr }}), '([0-9]{1,2}):([0-9]{2})', 2) as integer)
          )
    end
  )
{%- endmacro %}
