{#
  bronze_relation(table_name): the bronze table as a subquery with every column the API documents,
  typed as the JSON gives it. `union all by name` against a typed empty row set means:
    - a field that never arrived (schema drift: 2026-only fields, deprecated fields) is NULL,
    - a field the loader typed differently (an all-null column inferred as JSON, a date the loader
      kept as TIMESTAMP) is widened instead of failing the model,
    - fields the API adds later still come through (as extra columns at the end).
  When the source table does not exist yet (an endpoint never loaded, e.g. position for the
  recorded races) and the engine can tell us (adapter.get_relation), the model reads the empty
  row set, so the silver model is empty instead of failing. See warehouse/CONTEXT.md.

  new_sessions_of (an incremental model's `this`): read only the sessions with bronze rows newer
  than the model's max(ingested_at), every row of them (so deduplication sees old and new copies).
  The filter sits on the bronze table itself, under the union; when the build runs, the session
  keys are fetched first and filter as literals (changed_key_list: from the Delta log, else a
  query), so DuckDB prunes the row groups of other sessions by their statistics instead of
  reading the whole history.

  The column lists are the fields of each OpenF1 endpoint (API.md §4) as [name, type] pairs, typed
  as JSON gives them: integers BIGINT, numbers DOUBLE, dates VARCHAR (ISO strings, parsed
  leniently in silver), mixed number/string fields VARCHAR, segment arrays BIGINT[].
#}
{% macro bronze_relation(table_name, new_sessions_of=none) -%}
  {%- set relation = source('bronze', table_name) -%}
  {%- set columns = {
    'bronze_meetings': [
      ['meeting_key', 'bigint'], ['meeting_name', 'varchar'], ['meeting_official_name', 'varchar'],
      ['meeting_code', 'varchar'], ['location', 'varchar'], ['country_key', 'bigint'],
      ['country_code', 'varchar'], ['country_name', 'varchar'], ['country_flag', 'varchar'],
      ['circuit_key', 'bigint'], ['circuit_short_name', 'varchar'], ['circuit_type', 'varchar'],
      ['circuit_image', 'varchar'], ['circuit_info_url', 'varchar'], ['date_start', 'varchar'],
      ['date_end', 'varchar'], ['gmt_offset', 'varchar'], ['is_cancelled', 'boolean'],
      ['year', 'bigint']
    ],
    'bronze_sessions': [
      ['meeting_key', 'bigint'], ['session_key', 'bigint'],
      ['session_name', 'varchar'], ['session_type', 'varchar'], ['date_start', 'varchar'],
      ['date_end', 'varchar'], ['gmt_offset', 'varchar'], ['location', 'varchar'],
      ['country_key', 'bigint'], ['country_code', 'varchar'], ['country_name', 'varchar'],
      ['circuit_key', 'bigint'], ['circuit_short_name', 'varchar'], ['is_cancelled', 'boolean'],
      ['year', 'bigint']
    ],
    'bronze_drivers': [
      ['meeting_key', 'bigint'], ['session_key', 'bigint'],
      ['driver_number', 'bigint'], ['broadcast_name', 'varchar'], ['full_name', 'varchar'],
      ['first_name', 'varchar'], ['last_name', 'varchar'], ['name_acronym', 'varchar'],
      ['team_name', 'varchar'], ['team_colour', 'varchar'], ['headshot_url', 'varchar'],
      ['country_code', 'varchar']
    ],
    'bronze_laps': [
      ['meeting_key', 'bigint'], ['session_key', 'bigint'],
      ['driver_number', 'bigint'], ['lap_number', 'bigint'], ['date_start', 'varchar'],
      ['duration_sector_1', 'double'], ['duration_sector_2', 'double'],
      ['duration_sector_3', 'double'], ['i1_speed', 'bigint'], ['i2_speed', 'bigint'],
      ['st_speed', 'bigint'], ['is_pit_out_lap', 'boolean'], ['lap_duration', 'double'],
      ['segments_sector_1', 'bigint[]'], ['segments_sector_2', 'bigint[]'],
      ['segments_sector_3', 'bigint[]']
    ],
    'bronze_locations': [
      ['meeting_key', 'bigint'], ['session_key', 'bigint'],
      ['driver_number', 'bigint'], ['date', 'varchar'], ['x', 'bigint'], ['y', 'bigint'],
      ['z', 'bigint']
    ],
    'bronze_car_data': [
      ['meeting_key', 'bigint'], ['session_key', 'bigint'],
      ['driver_number', 'bigint'], ['date', 'varchar'], ['speed', 'bigint'], ['rpm', 'bigint'],
      ['n_gear', 'bigint'], ['throttle', 'bigint'], ['brake', 'bigint'], ['drs', 'bigint']
    ],
    'bronze_stints': [
      ['meeting_key', 'bigint'], ['session_key', 'bigint'],
      ['driver_number', 'bigint'], ['stint_number', 'bigint'], ['lap_start', 'bigint'],
      ['lap_end', 'bigint'], ['compound', 'varchar'], ['tyre_age_at_start', 'bigint']
    ],
    'bronze_pit': [
      ['meeting_key', 'bigint'], ['session_key', 'bigint'],
      ['driver_number', 'bigint'], ['lap_number', 'bigint'], ['date', 'varchar'],
      ['lane_duration', 'double'], ['pit_duration', 'double'], ['stop_duration', 'double']
    ],
    'bronze_weather': [
      ['meeting_key', 'bigint'], ['session_key', 'bigint'],
      ['date', 'varchar'], ['air_temperature', 'double'], ['track_temperature', 'double'],
      ['humidity', 'double'], ['pressure', 'double'], ['rainfall', 'bigint'],
      ['wind_direction', 'bigint'], ['wind_speed', 'double']
    ],
    'bronze_race_control': [
      ['meeting_key', 'bigint'], ['session_key', 'bigint'],
      ['date', 'varchar'], ['category', 'varchar'], ['flag', 'varchar'], ['scope', 'varchar'],
      ['sector', 'bigint'], ['driver_number', 'bigint'], ['lap_number', 'bigint'],
      ['message', 'varchar'], ['qualifying_phase', 'bigint']
    ],
    'bronze_position': [
      ['meeting_key', 'bigint'], ['session_key', 'bigint'],
      ['driver_number', 'bigint'], ['date', 'varchar'], ['position', 'bigint']
    ],
    'bronze_intervals': [
      ['meeting_key', 'bigint'], ['session_key', 'bigint'],
      ['driver_number', 'bigint'], ['date', 'varchar'], ['gap_to_leader', 'varchar'],
      ['interval', 'varchar']
    ],
    'bronze_session_result': [
      ['meeting_key', 'bigint'], ['session_key', 'bigint'],
      ['driver_number', 'bigint'], ['position', 'bigint'], ['number_of_laps', 'bigint'],
      ['points', 'double'], ['dnf', 'boolean'], ['dns', 'boolean'], ['dsq', 'boolean'],
      ['duration', 'varchar'], ['gap_to_leader', 'varchar']
    ]
  } -%}
  {%- set columns = columns[table_name] -%}
  {%- set found = relation -%}
  {%- if adapter is defined and adapter.get_relation is defined -%}
    {%- set found = adapter.get_relation(database=relation.database, schema=relation.schema, identifier=relation.identifier) -%}
  {%- endif -%}
  (
    select
      {%- for c in columns %}
      cast(null as {{ c[1] }}) as {{ c[0] }},
      {%- endfor %}
      cast(null as timestamptz) as _ingestion_timestamp,
      cast(null as varchar) as _source_file,
      cast(null as date) as batch_day,
      cast(null as varchar) as _rescued_data
    where false
    {%- if found %}
    {{ union_by_name_from(relation, columns) }}
    {%- if new_sessions_of %}
    {%- set new_keys_sql %}
      select distinct session_key from {{ relation }}
      where cast(_ingestion_timestamp as timestamptz) > (
        {{ newest_ingestion(new_sessions_of) }}
      )
    {% endset %}
    where session_key in {{ changed_key_list(new_sessions_of, 'ingested_at', [[relation, '_ingestion_timestamp']], new_keys_sql) }}
    {%- endif %}
    {%- endif %}
  )
{%- endmacro %}
