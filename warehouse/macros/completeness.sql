{#
  non_null_count(columns): how many of the given columns are not NULL. Deduplication on a natural
  key keeps the most complete row (API.md §5.2: duplicate /drivers rows with nulls), then the most
  recently ingested one.
#}
{% macro non_null_count(columns) -%}
  ({% for c in columns %}(case when {{ c }} is null then 0 else 1 end){% if not loop.last %} + {% endif %}{% endfor %})
{%- endmacro %}

{#
  dedupe(key_columns, columns): the window clause that keeps one row per natural key.
  Use as: qualify {{ dedupe([...], [...]) }}
#}
{% macro dedupe(key_columns, columns) -%}
  row_number() over (
    partition by {{ key_columns | join(', ') }}
    order by {{ non_null_count(columns) }} desc, _ingestion_timestamp desc nulls last, _source_file desc nulls last
  ) = 1
{%- endmacro %}
