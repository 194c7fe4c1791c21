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
  One row per pit stop (session_key, driver_number, lap_number = the in-lap). From /pit where the
  session has it (source = 'pit': pit-lane and stationary times); otherwise derived from the laps
  (source = 'laps': the lap before each pit-out lap after lap 1; times unknown). Tyres before and
  after come from fact_laps (the in-lap and the out-lap). Rebuilt per changed session: the
  session's rows are replaced whole, so derived stops go when /pit arrives for their session.
#}

with

{% if is_incremental() %}
{%- set changed = changed_sessions(this, [ref('silver_pit')], [ref('fact_laps')]) %}
changed as (

  select distinct session_key
  from {{ session_key_rows(changed) }} as changed_keys

),
{% endif %}

laps as (

  select * from {{ ref('fact_laps') }}
  {% if is_incremental() %}
    where session_key in (select session_key from changed){{ also_in_sessions('session_key', changed) }}
  {% endif %}

),

reported as (

  select
    meeting_key,
    session_key,
    driver_number,
    lap_number,
    date as pit_at,
    lane_duration,
    stop_duration,
    'pit' as source,
    ingested_at
  from {{ ref('silver_pit') }}
  {% if is_incremental() %}
    where session_key in (select session_key from changed){{ also_in_sessions('session_key', changed) }}
  {% endif %}

),

derived as (

  select
    meeting_key,
    session_key,
    driver_number,
    lap_number - 1 as lap_number,
    lap_start_at as pit_at,
    cast(null as double) as lane_duration,
    cast(null as double) as stop_duration,
    'laps' as source,
    source_ingested_at as ingested_at
  from laps
  where is_pit_out_lap
    and lap_number > 1
    and session_key not in (select session_key from reported)

),

stops as (

  select * from reported
  union all
  select * from derived

)

select
  md5(concat_ws('|', stops.session_key, stops.driver_number, stops.lap_number)) as pit_stop_key,
  coalesce(stops.meeting_key, in_lap.meeting_key) as meeting_key,
  stops.session_key,
  stops.driver_number,
  in_lap.team_name,
  stops.lap_number,
  row_number() over (partition by stops.session_key, stops.driver_number order by stops.lap_number) as stop_number,
  stops.pit_at,
  stops.lane_duration,
  stops.stop_duration,
  stops.source,
  in_lap.compound as compound_before,
  in_lap.tyre_age as tyre_age_before,
  out_lap.compound as compound_after,
  out_lap.tyre_age as tyre_age_after,
  coalesce(in_lap.compound <> out_lap.compound, false) as is_compound_change,
  max(greatest(stops.ingested_at, in_lap.source_ingested_at, out_lap.source_ingested_at))
    over (partition by stops.session_key) as source_ingested_at
from stops
left join laps as in_lap
  on in_lap.session_key = stops.session_key
  and in_lap.driver_number = stops.driver_number
  and in_lap.lap_number = stops.lap_number
left join laps as out_lap
  on out_lap.session_key = stops.session_key
  and out_lap.driver_number = stops.driver_number
  and out_lap.lap_number = stops.lap_number + 1
