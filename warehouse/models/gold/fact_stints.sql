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
  One row per stint (session_key, driver_number, stint_number): compound, laps, tyre age at start
  and end, and pace on the stint (valid laps only): average, best, and degradation (seconds lost
  per lap of tyre age, a least-squares slope; approximate, not fuel-corrected). Rebuilt per
  changed session.
#}

with stints as (

  select * from {{ ref('silver_stints') }}
  {% if is_incremental() %}
{%- set changed = changed_sessions(this, [ref('silver_stints'), ref('silver_drivers')], [ref('fact_laps')]) %}
    where session_key in {{ changed }}
  {% endif %}

),

laps as (

  select session_key, driver_number, stint_number, lap_duration, tyre_age, is_valid_lap, source_ingested_at
  from {{ ref('fact_laps') }}
  where session_key in (select session_key from stints){{ also_in_sessions('session_key', changed) }}

),

drivers as (

  select * from {{ ref('silver_drivers') }}
  where session_key in (select session_key from stints){{ also_in_sessions('session_key', changed) }}

),

pace as (

  select
    session_key,
    driver_number,
    stint_number,
    count(*) as laps_recorded,
    count(*) filter (where is_valid_lap) as valid_laps,
    avg(lap_duration) filter (where is_valid_lap) as avg_lap_time,
    min(lap_duration) filter (where is_valid_lap) as best_lap_time,
    regr_slope(lap_duration, tyre_age) filter (where is_valid_lap) as degradation_per_lap
  from laps
  where stint_number is not null
  group by all

),

watermarks as (

  select session_key, max(ingested_at) as ingested_at from (
    select session_key, ingested_at from stints
    union all
    select session_key, source_ingested_at from laps
    union all
    select session_key, ingested_at from drivers
  )
  group by session_key

)

select
  md5(concat_ws('|', stints.session_key, stints.driver_number, stints.stint_number)) as stint_key,
  stints.meeting_key,
  stints.session_key,
  stints.driver_number,
  drivers.team_name,
  stints.stint_number,
  stints.compound,
  compounds.compound_colour,
  stints.lap_start,
  stints.lap_end,
  stints.stint_laps,
  stints.tyre_age_at_start,
  stints.tyre_age_at_start + coalesce(stints.stint_laps, 1) - 1 as tyre_age_at_end,
  coalesce(stints.tyre_age_at_start, 0) = 0 as is_new_tyre,
  coalesce(pace.laps_recorded, 0) as laps_recorded,
  coalesce(pace.valid_laps, 0) as valid_laps,
  round(pace.avg_lap_time, 3) as avg_lap_time,
  pace.best_lap_time,
  round(pace.degradation_per_lap, 4) as degradation_per_lap,
  watermarks.ingested_at as source_ingested_at
from stints
left join pace
  on pace.session_key = stints.session_key
  and pace.driver_number = stints.driver_number
  and pace.stint_number = stints.stint_number
left join drivers
  on drivers.session_key = stints.session_key
  and drivers.driver_number = stints.driver_number
left join {{ ref('tyre_compounds') }} as compounds
  on compounds.compound = stints.compound
left join watermarks
  on watermarks.session_key = stints.session_key
