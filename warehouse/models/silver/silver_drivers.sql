{{
  config(
    materialized='incremental',
    incremental_strategy='merge',
    unique_key=['session_key', 'driver_number'],
    on_schema_change='append_new_columns'
  )
}}

{#
  One row per (session_key, driver_number) (merge). Duplicate /drivers rows (a second row with
  nulls, identical copies: API.md §5.2) collapse to the most complete one; COALESCE defaults and
  the team category come from the original design. Sessions that have laps, stints, pit stops or results but no
  /drivers rows yet (9488 and 9189 in the recordings; the API lags after a session) get derived
  rows (is_derived = true, name and team 'Unknown') so facts always have a driver; real rows
  replace them when /drivers arrives, because the session is then reprocessed and merged.
#}

with affected_sessions as (

  {% if is_incremental() %}
    select session_key from {{ sessions_with_new_rows(bronze_relation('bronze_drivers'), this) }}
    union
    select session_key from {{ sessions_with_new_rows(bronze_relation('bronze_laps'), this) }}
    union
    select session_key from {{ sessions_with_new_rows(bronze_relation('bronze_stints'), this) }}
    union
    select session_key from {{ sessions_with_new_rows(bronze_relation('bronze_pit'), this) }}
    union
    select session_key from {{ sessions_with_new_rows(bronze_relation('bronze_session_result'), this) }}
  {% else %}
    select null::bigint as session_key where false
  {% endif %}

),

drivers_raw as (

  select *
  from {{ bronze_relation('bronze_drivers') }}
  where session_key is not null and driver_number is not null
  {% if is_incremental() %}
    and session_key in (select session_key from affected_sessions)
  {% endif %}

),

reported as (

  select * from drivers_raw
  qualify {{ dedupe(['session_key', 'driver_number'],
    ['full_name', 'first_name', 'last_name', 'broadcast_name', 'name_acronym', 'team_name',
     'team_colour', 'headshot_url', 'country_code']) }}

),

seen_in_timing as (

  select meeting_key, session_key, driver_number, _ingestion_timestamp
  from {{ bronze_relation('bronze_laps') }}
  where session_key is not null and driver_number is not null
  {% if is_incremental() %}
    and session_key in (select session_key from affected_sessions)
  {% endif %}
  union all
  select meeting_key, session_key, driver_number, _ingestion_timestamp
  from {{ bronze_relation('bronze_stints') }}
  where session_key is not null and driver_number is not null
  {% if is_incremental() %}
    and session_key in (select session_key from affected_sessions)
  {% endif %}
  union all
  select meeting_key, session_key, driver_number, _ingestion_timestamp
  from {{ bronze_relation('bronze_pit') }}
  where session_key is not null and driver_number is not null
  {% if is_incremental() %}
    and session_key in (select session_key from affected_sessions)
  {% endif %}
  union all
  select meeting_key, session_key, driver_number, _ingestion_timestamp
  from {{ bronze_relation('bronze_session_result') }}
  where session_key is not null and driver_number is not null
  {% if is_incremental() %}
    and session_key in (select session_key from affected_sessions)
  {% endif %}

),

derived as (

  select
    max(meeting_key) as meeting_key,
    session_key,
    driver_number
  from seen_in_timing
  where session_key not in (select session_key from reported)
  group by session_key, driver_number

),

-- the incremental watermark of a session: its newest row in any of the five inputs (the
-- affected-sessions filter looks at all five, so every row of the session carries their max)
session_watermark as (

  select session_key, max(_ingestion_timestamp) as ingested_at
  from (
    select session_key, _ingestion_timestamp from drivers_raw
    union all
    select session_key, _ingestion_timestamp from seen_in_timing
  )
  group by session_key

),

combined as (

  select
    cast(meeting_key as bigint) as meeting_key,
    cast(session_key as bigint) as session_key,
    cast(driver_number as bigint) as driver_number,
    nullif(trim(full_name), '') as full_name,
    nullif(trim(first_name), '') as first_name,
    nullif(trim(last_name), '') as last_name,
    nullif(trim(broadcast_name), '') as broadcast_name,
    nullif(upper(trim(name_acronym)), '') as name_acronym,
    nullif(trim(team_name), '') as team_name,
    nullif(upper(replace(trim(team_colour), '#', '')), '') as team_colour,
    nullif(trim(headshot_url), '') as headshot_url,
    nullif(trim(country_code), '') as country_code,
    false as is_derived,
    _source_file as source_file
  from reported
  {{ union_all_by_name() }}
  select
    cast(meeting_key as bigint) as meeting_key,
    cast(session_key as bigint) as session_key,
    cast(driver_number as bigint) as driver_number,{{ by_name_nulls(['full_name', 'first_name', 'last_name', 'broadcast_name', 'name_acronym', 'team_name', 'team_colour', 'headshot_url', 'country_code']) }}
    true as is_derived,
    'derived from laps, stints, pit and session_result' as source_file
  from derived

)

select
  combined.meeting_key,
  combined.session_key,
  combined.driver_number,
  coalesce(combined.full_name, 'Unknown') as full_name,
  combined.first_name,
  combined.last_name,
  coalesce(combined.broadcast_name, combined.full_name, 'Unknown') as broadcast_name,
  coalesce(combined.name_acronym, '#' || cast(combined.driver_number as varchar)) as name_acronym,
  coalesce(combined.team_name, 'Unknown') as team_name,
  coalesce(combined.team_colour, '808080') as team_colour,
  coalesce(teams.team_category, combined.team_name, 'Unknown') as team_category,
  combined.headshot_url,
  combined.country_code,
  combined.is_derived,
  session_watermark.ingested_at,
  combined.source_file
from combined
join session_watermark on session_watermark.session_key = combined.session_key
left join {{ ref('team_categories') }} as teams
  on teams.team_name = combined.team_name
