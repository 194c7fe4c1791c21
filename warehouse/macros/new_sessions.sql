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
  incremental gold model carries: the newest silver ingestion behind the session's rows), as the
  right-hand side of `session_key in …` (see session_key_list: literal keys when the build runs).
  Incremental gold models rebuild exactly those sessions (per-session windows such as ranks,
  personal bests and positions need the whole session) and replace their session_key partitions,
  so adding a race costs work proportional to that race. The model's own watermark is read once
  (a CTE), not once per input: every read of a table costs a pass over its files.
#}
{% macro changed_sessions(this_relation, relations, gold_relations=[]) -%}
  {%- set sources = [] -%}
  {%- for relation in relations %}{% do sources.append([relation, 'ingested_at']) %}{% endfor -%}
  {%- for relation in gold_relations %}{% do sources.append([relation, 'source_ingested_at']) %}{% endfor -%}
  {%- set keys_sql %}
    with changed_sessions_watermark as (
      {{ newest_ingestion_as(this_relation, 'source_ingested_at', 'watermark_at') }}
    )
    {%- for relation in relations %}
    select session_key from {{ relation }}, changed_sessions_watermark where ingested_at > watermark_at
    {% if not loop.last or gold_relations | length > 0 %}union{% endif %}
    {%- endfor %}
    {%- for relation in gold_relations %}
    select session_key from {{ relation }}, changed_sessions_watermark where source_ingested_at > watermark_at
    {% if not loop.last %}union{% endif %}
    {%- endfor %}
  {% endset -%}
  {{ changed_key_list(this_relation, 'source_ingested_at', sources, keys_sql) }}
{%- endmacro %}

{#
  changed_key_list(this_relation, column, sources, keys_sql): the session keys of the `sources`
  rows (`[relation, timestamp column]` pairs) newer than this model's newest `column`, as the
  right-hand side of `session_key in …`. When the build runs on the Delta warehouse,
  adapter.changed_keys answers from the Delta log (each file's exact newest timestamp, its
  session_key partition): no file of history is opened, and a file that may hold newer rows
  without naming its session (bronze) is read alone. Otherwise — or when the log cannot tell — it
  is session_key_list(keys_sql), the same question as a query.
#}
{% macro changed_key_list(this_relation, column, sources, keys_sql) -%}
  {%- set keys = none -%}
  {%- if execute and flags.INTROSPECT -%}
    {%- set keys = adapter.changed_keys(this_relation, column, sources) -%}
  {%- endif -%}
  {%- if keys is none -%}
  {{ session_key_list(keys_sql) }}
  {%- elif keys | length == 0 -%}
  (null)
  {%- else -%}
  ({{ keys | join(', ') }})
  {%- endif -%}
{%- endmacro %}

{#
  session_key_list(keys_sql): the session keys `keys_sql` selects, as the right-hand side of
  `session_key in …`. When the build runs the model on DuckDB (flags.INTROSPECT: the warehouse
  answers queries), the keys are fetched first and rendered as literals — `(9531, 9550)`, or
  `(null)` when there are none — so DuckDB prunes by statistics: Parquet row groups whose
  session_key range misses them, and the files of other session_key partitions of a Delta table.
  A subquery is opaque when DuckDB plans the scan, so every incremental build read the whole
  history of the tables it filtered (issue 16). Everywhere else — compiles without a warehouse,
  up-to-date fingerprints, Databricks — it stays the subquery.
#}
{% macro session_key_list(keys_sql) -%}
  {%- set keys = session_keys(keys_sql) -%}
  {%- if keys is none -%}
  ({{ keys_sql }})
  {%- elif keys | length == 0 -%}
  (null)
  {%- else -%}
  ({{ keys | join(', ') }})
  {%- endif -%}
{%- endmacro %}

{#
  session_keys(keys_sql): the distinct non-null session keys `keys_sql` selects, in order, when
  the warehouse can be asked (DuckDB, at execution time); none otherwise (see session_key_list).
  In a literal list they let a model's other reads prune as well (also_in_sessions).
#}
{% macro session_keys(keys_sql) -%}{{ return(adapter.dispatch('session_keys')(keys_sql)) }}{%- endmacro %}
{% macro default__session_keys(keys_sql) -%}
  {%- if execute and flags.INTROSPECT -%}
    {%- set result = run_query('select distinct cast(session_key as bigint) as session_key from (' ~ keys_sql ~ ') as changed_keys where session_key is not null order by 1') -%}
    {{- return(result.columns[0].values() | map('int') | list) -}}
  {%- endif -%}
  {{- return(none) -}}
{%- endmacro %}
{% macro databricks__session_keys(keys_sql) -%}{{ return(none) }}{%- endmacro %}

{#
  also_in_sessions(column, keys): `and <column> in (k1, …)` when `keys` (from session_keys or a
  literal session_key_list) is a literal list, nothing otherwise. A model reading other tables
  for the sessions it rebuilds (`where session_key in (select session_key from changed)`) adds it
  so those reads prune too: a semi join on a CTE is as opaque to the scan as a subquery.
#}
{% macro also_in_sessions(column, keys) -%}
  {%- if keys is string and keys.startswith('(') and 'select' not in keys | lower %} and {{ column }} in {{ keys }}{% endif -%}
{%- endmacro %}

{#
  session_key_rows(keys): the sessions of a session_key_list (literal or subquery) as a row set
  with one column, session_key — for a model that keeps them in a CTE.
#}
{% macro session_key_rows(keys) -%}
  {%- if keys is string and (keys | string) == '(null)' -%}
  (select cast(null as bigint) as session_key where false)
  {%- elif keys is string and keys.startswith('(') and 'select' not in keys | lower -%}
  (select unnest([{{ keys[1:-1] }}]::bigint[]) as session_key)
  {%- else -%}
  {{ keys }}
  {%- endif -%}
{%- endmacro %}

{#
  newest_ingestion(relation, column='ingested_at'): a select of the newest `column` of `relation`
  (the epoch when it is empty): an incremental model's watermark. On DuckDB as the first row in
  descending order, not max(): DuckDB's top-N hands the value found so far to the Parquet scan as
  a filter, so row groups of older sessions are skipped by their statistics, where max() reads the
  column of the model's whole history on every build.
#}
{% macro newest_ingestion(relation, column='ingested_at') -%}{{ return(adapter.dispatch('newest_ingestion')(relation, column)) }}{%- endmacro %}
{% macro default__newest_ingestion(relation, column) -%}
  select coalesce((select {{ column }} from {{ relation }} order by {{ column }} desc nulls last limit 1), timestamptz '1970-01-01 00:00:00+00')
{%- endmacro %}
{% macro databricks__newest_ingestion(relation, column) -%}
  select coalesce(max({{ column }}), timestamptz '1970-01-01 00:00:00+00') from {{ relation }}
{%- endmacro %}

{#- newest_ingestion_as(relation, column, alias): newest_ingestion as one row, one column `alias`. -#}
{% macro newest_ingestion_as(relation, column, alias) -%}{{ return(adapter.dispatch('newest_ingestion_as')(relation, column, alias)) }}{%- endmacro %}
{% macro default__newest_ingestion_as(relation, column, alias) -%}
  select coalesce((select {{ column }} from {{ relation }} order by {{ column }} desc nulls last limit 1), timestamptz '1970-01-01 00:00:00+00') as {{ alias }}
{%- endmacro %}
{% macro databricks__newest_ingestion_as(relation, column, alias) -%}
  select coalesce(max({{ column }}), timestamptz '1970-01-01 00:00:00+00') as {{ alias }}
      from {{ relation }}
{%- endmacro %}
