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
  One row per (session_key, driver_number) with laps: the original design's summary: lap counts,
  valid share, fastest / slowest / average / median / standard deviation of valid laps, sector
  averages and bests, the theoretical best lap (sum of best sectors), the consistency coefficient
  (stddev / average), speeds, pit stops and stints. Rebuilt per changed session.
#}

with laps as (

  select * from {{ ref('fact_laps') }}
  {% if is_incremental() %}
{%- set changed = changed_sessions(this, [ref('silver_drivers')], [ref('fact_laps'), ref('fact_pit_stops')]) %}
    where session_key in {{ changed }}
  {% endif %}

),

drivers as (

  select * from {{ ref('silver_drivers') }}
  where session_key in (select session_key from laps){{ also_in_sessions('session_key', changed) }}

),

stops as (

  select session_key, driver_number, source_ingested_at from {{ ref('fact_pit_stops') }}
  where session_key in (select session_key from laps){{ also_in_sessions('session_key', changed) }}

),

watermarks as (

  select session_key, max(ingested_at) as ingested_at from (
    select session_key, source_ingested_at as ingested_at from laps
    union all
    select session_key, ingested_at from drivers
    union all
    select session_key, source_ingested_at from stops
  )
  group by session_key

),

summary as (

  select
    session_key,
    driver_number,
    any_value(team_name) as team_name,
    any_value(team_category) as team_category,
    count(*) as total_laps,
    count(*) filter (where is_valid_lap) as valid_laps,
    count(*) filter (where is_pit_out_lap) as pit_out_laps,
    count(*) filter (where is_lap_completed) as completed_laps,
    min(lap_duration) filter (where is_valid_lap) as fastest_lap_time,
    max(lap_duration) filter (where is_valid_lap) as slowest_lap_time,
    avg(lap_duration) filter (where is_valid_lap) as avg_lap_time,
    median(lap_duration) filter (where is_valid_lap) as median_lap_time,
    stddev_samp(lap_duration) filter (where is_valid_lap) as stddev_lap_time,
    avg(duration_sector_1) filter (where is_valid_lap) as avg_sector_1,
    avg(duration_sector_2) filter (where is_valid_lap) as avg_sector_2,
    avg(duration_sector_3) filter (where is_valid_lap) as avg_sector_3,
    min(duration_sector_1) as best_sector_1,
    min(duration_sector_2) as best_sector_2,
    min(duration_sector_3) as best_sector_3,
    max(max_speed) as top_speed,
    avg(max_speed) as avg_max_speed,
    max(stint_number) as stints_used,
    count(distinct compound) filter (where compound <> 'UNKNOWN') as compounds_used
  from laps
  group by session_key, driver_number

)

select
  md5(concat_ws('|', summary.session_key, summary.driver_number)) as summary_key,
  summary.session_key,
  summary.driver_number,
  drivers.full_name,
  drivers.name_acronym,
  summary.team_name,
  summary.team_category,
  summary.total_laps,
  summary.valid_laps,
  summary.pit_out_laps,
  summary.completed_laps,
  round(100.0 * summary.valid_laps / summary.total_laps, 2) as valid_lap_percentage,
  summary.fastest_lap_time,
  summary.slowest_lap_time,
  round(summary.avg_lap_time, 3) as avg_lap_time,
  round(summary.median_lap_time, 3) as median_lap_time,
  round(summary.stddev_lap_time, 3) as stddev_lap_time,
  round(summary.avg_sector_1, 3) as avg_sector_1,
  round(summary.avg_sector_2, 3) as avg_sector_2,
  round(summary.avg_sector_3, 3) as avg_sector_3,
  summary.best_sector_1,
  summary.best_sector_2,
  summary.best_sector_3,
  round(summary.best_sector_1 + summary.best_sector_2 + summary.best_sector_3, 3) as theoretical_best_lap,
  round(summary.stddev_lap_time / summary.avg_lap_time, 4) as consistency_coefficient,
  summary.top_speed,
  round(summary.avg_max_speed, 1) as avg_max_speed,
  coalesce(summary.stints_used, 0) as stints_used,
  summary.compounds_used,
  (
    select count(*) from stops
    where stops.session_key = summary.session_key and stops.driver_number = summary.driver_number
  ) as pit_stops,
  watermarks.ingested_at as source_ingested_at
from summary
left join drivers
  on drivers.session_key = summary.session_key
  and drivers.driver_number = summary.driver_number
left join watermarks
  on watermarks.session_key = summary.session_key
