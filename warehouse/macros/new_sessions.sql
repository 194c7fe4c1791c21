{#
  sessions_with_new_rows(relation_sql, this_relation, key): the keys (session_key by default)
  whose bronze rows arrived after the newest ingestion this incremental model has already seen.
  Silver models reprocess every row of those sessions (so deduplication sees old and new copies)
  and merge on their natural key: adding a race costs work proportional to that race.
#}
{% macro sessions_with_new_rows(relation_sql, this_relation, key='session_key') -%}
  (
    select distinct {{ key }}
    from {{ relation_sql }} as incoming
    where incoming._ingestion_timestamp > (
      select coalesce(max(ingested_at), timestamptz '1970-01-01 00:00:00+00') from {{ this_relation }}
    )
  )
{%- endmacro %}

{#
  changed_sessions(this_relation, relations, gold_relations=[]): the session_keys that have rows
  newer than the newest source_ingested_at this gold model has seen, in any of the given silver
  relations (their ingested_at) or gold relations (their source_ingested_at, the watermark every
  incremental gold model carries: the newest silver ingestion behind the session's rows).
  Incremental gold models rebuild exactly those sessions (per-session windows such as ranks,
  personal bests and positions need the whole session) and replace their session_key partitions,
  so adding a race costs work proportional to that race. The model's own watermark is read once
  (a CTE), not once per input: every read of a table costs a pass over its files.
#}
{% macro changed_sessions(this_relation, relations, gold_relations=[]) -%}
  (
    with changed_sessions_watermark as (
      select coalesce(max(source_ingested_at), timestamptz '1970-01-01 00:00:00+00') as watermark_at
      from {{ this_relation }}
    )
    {%- for relation in relations %}
    select session_key from {{ relation }}, changed_sessions_watermark where ingested_at > watermark_at
    {% if not loop.last or gold_relations | length > 0 %}union{% endif %}
    {%- endfor %}
    {%- for relation in gold_relations %}
    select session_key from {{ relation }}, changed_sessions_watermark where source_ingested_at > watermark_at
    {% if not loop.last %}union{% endif %}
    {%- endfor %}
  )
{%- endmacro %}
