{{ config(materialized='table') }}

{#
  One row per stint (session_key, driver_number, stint_number): compound, laps, tyre age at start
  and end, and pace on the stint (valid laps only): average, best, and degradation (seconds lost
  per lap of tyre age, a least-squares slope; approximate, not fuel-corrected).
#}

with laps as (

  select session_key, driver_number, stint_number, lap_duration, tyre_age, is_valid_lap
  from {{ ref('fact_laps') }}

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
  round(pace.degradation_per_lap, 4) as degradation_per_lap
from {{ ref('silver_stints') }} as stints
left join pace
  on pace.session_key = stints.session_key
  and pace.driver_number = stints.driver_number
  and pace.stint_number = stints.stint_number
left join {{ ref('silver_drivers') }} as drivers
  on drivers.session_key = stints.session_key
  and drivers.driver_number = stints.driver_number
left join {{ ref('tyre_compounds') }} as compounds
  on compounds.compound = stints.compound
