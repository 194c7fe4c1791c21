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
  One row per completed lap (session_key, driver_number, lap_number): the running order and gap
  to the leader at the end of every lap, computed from lap end times (the leader of lap N is the
  first car to complete it). Lapped cars are compared on the lap number they complete. Elapsed
  time runs from lap 1's start, else the session's scheduled start. Rebuilt per changed session.
#}

with session_laps as (

  select *
  from {{ ref('fact_laps') }}
  {% if is_incremental() %}
{%- set changed = changed_sessions(this, [ref('silver_sessions')], [ref('fact_laps')]) %}
    where session_key in {{ changed }}
  {% endif %}

),

laps as (

  select * from session_laps where is_lap_completed

),

sessions as (

  select session_key, date_start, ingested_at from {{ ref('silver_sessions') }}
  where session_key in (select session_key from session_laps){{ also_in_sessions('session_key', changed) }}

),

race_start as (

  select
    session_laps.session_key,
    coalesce(
      min(session_laps.lap_start_at) filter (where session_laps.lap_number = 1),
      any_value(sessions.date_start)
    ) as started_at,
    greatest(max(session_laps.source_ingested_at), max(sessions.ingested_at)) as source_ingested_at
  from session_laps
  left join sessions on sessions.session_key = session_laps.session_key
  group by session_laps.session_key

),

ordered as (

  select
    laps.*,
    row_number() over (partition by laps.session_key, laps.lap_number order by laps.lap_end_at, laps.driver_number)
      as position_at_lap,
    min(laps.lap_end_at) over (partition by laps.session_key, laps.lap_number) as leader_lap_end_at,
    lag(laps.lap_end_at) over (partition by laps.session_key, laps.lap_number order by laps.lap_end_at, laps.driver_number)
      as car_ahead_lap_end_at
  from laps

)

select
  md5(concat_ws('|', ordered.session_key, ordered.driver_number, ordered.lap_number)) as progression_key,
  ordered.session_key,
  ordered.driver_number,
  ordered.team_name,
  ordered.lap_number,
  ordered.lap_end_at,
  round({{ seconds_between('race_start.started_at', 'ordered.lap_end_at') }}, 3) as elapsed_seconds,
  ordered.lap_duration,
  ordered.compound,
  ordered.tyre_age,
  ordered.is_pit_in_lap,
  ordered.is_pit_out_lap,
  ordered.position_at_lap,
  round({{ seconds_between('ordered.leader_lap_end_at', 'ordered.lap_end_at') }}, 3) as gap_to_leader_seconds,
  round({{ seconds_between('ordered.car_ahead_lap_end_at', 'ordered.lap_end_at') }}, 3) as interval_to_car_ahead_seconds,
  ordered.position_at_lap = 1 as is_leader,
  race_start.source_ingested_at
from ordered
left join race_start on race_start.session_key = ordered.session_key
