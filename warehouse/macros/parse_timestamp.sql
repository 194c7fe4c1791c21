{#
  parse_timestamp(expr): an OpenF1 date, parsed leniently into a TIMESTAMPTZ (UTC).
  Accepts every variant seen (API.md §5.1): with or without the fraction
  ("2024-03-24T04:11:50+00:00"), "Z", no offset at all (taken as UTC, as the API does),
  a space instead of the "T", a value the loader already typed as TIMESTAMP/TIMESTAMPTZ,
  and epoch milliseconds (what one uploader turned meetings dates into). Anything else is NULL.
#}
{% macro parse_timestamp(expr) -%}
  (
    case
      when {{ expr }} is null then null
      when {{ regex_full_match('trim(cast(' ~ expr ~ ' as varchar))', "'[0-9]{12,13}'") }}
        then {{ timestamp_from_millis('cast(trim(cast(' ~ expr ~ ' as varchar)) as bigint)') }}
      when {{ regex_contains('trim(cast(' ~ expr ~ ' as varchar))', "'[T ][0-9:.]+(Z|[+-][0-9]{2}(:?[0-9]{2})?)$'") }}
        then try_cast(trim(cast({{ expr }} as varchar)) as timestamptz)
      else try_cast(trim(cast({{ expr }} as varchar)) || '+00:00' as timestamptz)
    end
  )
{%- endmacro %}
