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
  One row per lap (session_key, driver_number, lap_number): the original design's ranks, personal
  bests and deltas, plus the stint and compound the lap was driven on, tyre age, pit in/out, and
  the team. Ranks and bests use valid laps only (is_valid_lap). Rebuilt per changed session.
#}

with laps as (

  select * from {{ ref('silver_laps') }}
  {% if is_incremental() %}
{%- set changed = changed_sessions(this, [ref('silver_laps'), ref('silver_stints'), ref('silver_drivers'), ref('silver_pit')]) %}
    where session_key in {{ changed }}
  {% endif %}

),

stints as (

  select * from {{ ref('silver_stints') }}
  where session_key in (select session_key from laps){{ also_in_sessions('session_key', changed) }}

),

pits as (

  select session_key, driver_number, lap_number, ingested_at from {{ ref('silver_pit') }}
  where session_key in (select session_key from laps){{ also_in_sessions('session_key', changed) }}

),

drivers as (

  select * from {{ ref('silver_drivers') }}
  where session_key in (select session_key from laps){{ also_in_sessions('session_key', changed) }}

),

lap_stint as (

  -- a lap on a stint boundary (stints of some sessions overlap by one lap) belongs to the stint
  -- it started on: the lowest stint number covering it
  select
    laps.session_key,
    laps.driver_number,
    laps.lap_number,
    stints.stint_number,
    stints.compound,
    stints.tyre_age_at_start + (laps.lap_number - stints.lap_start) as tyre_age,
    stints.ingested_at as stint_ingested_at
  from laps
  join stints
    on stints.session_key = laps.session_key
    and stints.driver_number = laps.driver_number
    and laps.lap_number between stints.lap_start and coalesce(stints.lap_end, 1000)
  qualify row_number() over (
    partition by laps.session_key, laps.driver_number, laps.lap_number order by stints.stint_number
  ) = 1

),

enriched as (

  select
    laps.*,
    lap_stint.stint_number,
    lap_stint.compound,
    lap_stint.tyre_age,
    drivers.team_name,
    drivers.team_category,
    coalesce(
      lead(laps.is_pit_out_lap) over (partition by laps.session_key, laps.driver_number order by laps.lap_number),
      false
    ) or pits.lap_number is not null as is_pit_in_lap,
    greatest(laps.ingested_at, lap_stint.stint_ingested_at, drivers.ingested_at, pits.ingested_at) as row_ingested_at
  from laps
  left join lap_stint
    on lap_stint.session_key = laps.session_key
    and lap_stint.driver_number = laps.driver_number
    and lap_stint.lap_number = laps.lap_number
  left join drivers
    on drivers.session_key = laps.session_key
    and drivers.driver_number = laps.driver_number
  left join pits
    on pits.session_key = laps.session_key
    and pits.driver_number = laps.driver_number
    and pits.lap_number = laps.lap_number

),

ranked as (

  select
    *,
    case when is_valid_lap then
      rank() over (partition by session_key, driver_number, is_valid_lap order by lap_duration)
    end as driver_lap_rank,
    case when is_valid_lap then
      rank() over (partition by session_key, is_valid_lap order by lap_duration)
    end as session_lap_time_rank,
    min(lap_duration) filter (where is_valid_lap) over (partition by session_key, driver_number) as driver_best_lap_time,
    min(lap_duration) filter (where is_valid_lap) over (partition by session_key) as session_best_lap_time,
    min(lap_duration) filter (where is_valid_lap) over (
      partition by session_key, driver_number order by lap_number rows between unbounded preceding and 1 preceding
    ) as previous_best_lap_time,
    lag(lap_duration) over (partition by session_key, driver_number order by lap_number) as previous_lap_duration,
    max(row_ingested_at) over (partition by session_key) as source_ingested_at
  from enriched

)

select
  md5(concat_ws('|', session_key, driver_number, lap_number)) as lap_key,
  meeting_key,
  session_key,
  driver_number,
  team_name,
  team_category,
  lap_number,
  lap_start_at,
  lap_end_at,
  is_lap_start_estimated,
  is_lap_completed,
  lap_duration,
  duration_sector_1,
  duration_sector_2,
  duration_sector_3,
  calculated_lap_duration,
  sector_duration_delta,
  sector_completeness,
  i1_speed,
  i2_speed,
  st_speed,
  max_speed,
  is_pit_out_lap,
  is_pit_in_lap,
  is_valid_lap,
  purple_segments,
  stint_number,
  coalesce(compound, 'UNKNOWN') as compound,
  tyre_age,
  driver_lap_rank,
  session_lap_time_rank,
  driver_best_lap_time,
  round(case when is_valid_lap then lap_duration - driver_best_lap_time end, 3) as delta_to_personal_best,
  coalesce(is_valid_lap and lap_duration = driver_best_lap_time, false) as is_personal_best_lap,
  coalesce(is_valid_lap and (previous_best_lap_time is null or lap_duration < previous_best_lap_time), false)
    as is_personal_best_so_far,
  session_best_lap_time,
  round(case when is_valid_lap then lap_duration - session_best_lap_time end, 3) as delta_to_session_best,
  coalesce(is_valid_lap and lap_duration = session_best_lap_time, false) as is_session_fastest_lap,
  round(lap_duration - previous_lap_duration, 3) as delta_to_previous_lap,
  source_ingested_at
from ranked
