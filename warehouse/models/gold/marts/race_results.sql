{{
  config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='session_key',
    partition_by=['session_key'],
    on_schema_change='append_new_columns'
  )
}}

{#
  One row per (race or sprint session, driver): the classification computed from the laps. Order:
  most laps completed, then the earliest time at the end of the last completed lap (lap start +
  lap duration, or the next lap's start; the race start stands in for a missing lap-1 start).
  race_time_seconds runs from the race start: lap 1's date_start (the same for every car), else
  the session's scheduled start when no lap 1 has one (older recordings, API.md §5.1).
  status: Finished (leader's lap count), Lapped (fewer laps but took the flag after the winner),
  Retired (stopped before the winner finished). Classified with at least 90 % of the winner's
  laps. Points from the race_points seed (plus the 2019-2024 fastest-lap point in the top 10).
  The official classification (silver_session_result) is shown beside it when loaded. Rebuilt
  per changed session.
#}

with races as (

  select session_key, session_category, year, date_start, ingested_at
  from {{ ref('silver_sessions') }}
  where session_category in ('Race', 'Sprint')
  {% if is_incremental() %}
{%- set changed = changed_sessions(this, [ref('silver_sessions'), ref('silver_drivers'), ref('silver_session_result')], [ref('fact_laps')]) %}
    and session_key in {{ changed }}
  {% endif %}

),

laps as (

  select laps.*
  from {{ ref('fact_laps') }} as laps
  where laps.session_key in (select session_key from races){{ also_in_sessions('laps.session_key', changed) }}

),

drivers as (

  select * from {{ ref('silver_drivers') }}
  where session_key in (select session_key from races){{ also_in_sessions('session_key', changed) }}

),

official as (

  select * from {{ ref('silver_session_result') }}
  where session_key in (select session_key from races){{ also_in_sessions('session_key', changed) }}

),

race_start as (

  select
    races.session_key,
    coalesce(min(laps.lap_start_at) filter (where laps.lap_number = 1), any_value(races.date_start))
      as started_at
  from races
  join laps on laps.session_key = races.session_key
  group by races.session_key

),

watermarks as (

  select session_key, max(ingested_at) as ingested_at from (
    select session_key, ingested_at from races
    union all
    select session_key, source_ingested_at from laps
    union all
    select session_key, ingested_at from drivers
    union all
    select session_key, ingested_at from official
  )
  group by session_key

),

per_driver as (

  select
    session_key,
    driver_number,
    any_value(team_name) as team_name,
    coalesce(max(lap_number) filter (where is_lap_completed), 0) as laps_completed,
    max(lap_end_at) filter (where is_lap_completed) as finished_at,
    count(*) filter (where is_pit_in_lap) as pit_stops,
    bool_or(is_session_fastest_lap) as has_fastest_lap,
    min(lap_duration) filter (where is_valid_lap) as fastest_lap_time
  from laps
  group by session_key, driver_number

),

ordered as (

  select
    *,
    row_number() over (
      partition by session_key order by laps_completed desc, finished_at asc nulls last, driver_number
    ) as position
  from per_driver

),

with_winner as (

  select
    ordered.*,
    first_value(laps_completed) over (partition by session_key order by position) as winner_laps,
    first_value(finished_at) over (partition by session_key order by position) as winner_finished_at,
    lag(finished_at) over (partition by session_key order by position) as car_ahead_finished_at,
    lag(laps_completed) over (partition by session_key order by position) as car_ahead_laps
  from ordered

),

classified as (

  select
    with_winner.*,
    winner_laps - laps_completed as laps_behind,
    case
      when laps_completed = winner_laps then 'Finished'
      when finished_at >= winner_finished_at then 'Lapped'
      else 'Retired'
    end as status,
    laps_completed >= floor(0.9 * winner_laps) and laps_completed > 0 as is_classified
  from with_winner

)

select
  md5(concat_ws('|', classified.session_key, classified.driver_number)) as race_result_key,
  classified.session_key,
  races.session_category,
  classified.driver_number,
  drivers.full_name,
  drivers.name_acronym,
  classified.team_name,
  classified.position,
  classified.is_classified,
  classified.status,
  classified.laps_completed,
  classified.laps_behind,
  classified.finished_at,
  round({{ seconds_between('race_start.started_at', 'classified.finished_at') }}, 3) as race_time_seconds,
  case when classified.laps_behind = 0
    then round({{ seconds_between('classified.winner_finished_at', 'classified.finished_at') }}, 3)
  end as gap_to_winner_seconds,
  case when classified.laps_completed = classified.car_ahead_laps
    then round({{ seconds_between('classified.car_ahead_finished_at', 'classified.finished_at') }}, 3)
  end as interval_to_car_ahead_seconds,
  classified.pit_stops,
  classified.fastest_lap_time,
  coalesce(classified.has_fastest_lap, false) as has_fastest_lap,
  case when classified.is_classified then
    coalesce(case when races.session_category = 'Sprint' then points.sprint_points else points.race_points end, 0)
    + case
        when races.session_category = 'Race' and races.year between 2019 and 2024
          and classified.has_fastest_lap and classified.position <= 10 then 1
        else 0
      end
  else 0 end as points,
  official.position as official_position,
  official.result_status as official_status,
  watermarks.ingested_at as source_ingested_at
from classified
join races on races.session_key = classified.session_key
left join race_start on race_start.session_key = classified.session_key
left join {{ ref('race_points') }} as points on points.position = classified.position
left join drivers
  on drivers.session_key = classified.session_key
  and drivers.driver_number = classified.driver_number
left join official
  on official.session_key = classified.session_key
  and official.driver_number = classified.driver_number
left join watermarks
  on watermarks.session_key = classified.session_key
