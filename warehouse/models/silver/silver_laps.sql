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
  One row per (session_key, driver_number, lap_number): the original design's silver_laps rules
  (is_valid_lap, sector completeness, max speed, duration deltas) plus lap start/end instants that
  survive a null lap-1 date_start and a null lap_duration.
  Each build reprocesses the sessions with new bronze rows whole and replaces their session_key
  partition (delete+insert by session_key): a new race adds a partition and touches no other file.
#}

with source as (

  select * from {{ bronze_relation('bronze_laps', this if is_incremental() else none) }}
  where session_key is not null and driver_number is not null and lap_number is not null

),

deduplicated as (

  select
    *,
    max(_ingestion_timestamp) over (partition by session_key, driver_number, lap_number) as ingested_at
  from source
  qualify {{ dedupe(
    ['session_key', 'driver_number', 'lap_number'],
    ['date_start', 'lap_duration', 'duration_sector_1', 'duration_sector_2', 'duration_sector_3',
     'i1_speed', 'i2_speed', 'st_speed', 'segments_sector_1', 'segments_sector_2', 'segments_sector_3']
  ) }}

),

typed as (

  select
    cast(meeting_key as bigint) as meeting_key,
    cast(session_key as bigint) as session_key,
    cast(driver_number as bigint) as driver_number,
    cast(lap_number as integer) as lap_number,
    {{ parse_timestamp('date_start') }} as date_start,
    try_cast(lap_duration as double) as lap_duration,
    try_cast(duration_sector_1 as double) as duration_sector_1,
    try_cast(duration_sector_2 as double) as duration_sector_2,
    try_cast(duration_sector_3 as double) as duration_sector_3,
    try_cast(i1_speed as integer) as i1_speed,
    try_cast(i2_speed as integer) as i2_speed,
    try_cast(st_speed as integer) as st_speed,
    coalesce(try_cast(is_pit_out_lap as boolean), false) as is_pit_out_lap,
    try_cast(segments_sector_1 as bigint[]) as segments_sector_1,
    try_cast(segments_sector_2 as bigint[]) as segments_sector_2,
    try_cast(segments_sector_3 as bigint[]) as segments_sector_3,
    ingested_at,
    _source_file as source_file
  from deduplicated

),

with_neighbours as (

  select
    *,
    lead(date_start) over (partition by session_key, driver_number order by lap_number) as next_lap_date_start,
    lead(lap_number) over (partition by session_key, driver_number order by lap_number) as next_lap_number,
    min(date_start) filter (where lap_number = 1) over (partition by session_key) as session_lap_1_start
  from typed

),

derived as (

  select
    *,
    duration_sector_1 + duration_sector_2 + duration_sector_3 as calculated_lap_duration,
    coalesce(
      date_start,
      case when lap_number = 1 then session_lap_1_start end,
      next_lap_date_start - to_seconds(lap_duration)
    ) as lap_start_at,
    case
      when lap_duration is not null and date_start is not null then date_start + to_seconds(lap_duration)
      when next_lap_number = lap_number + 1 then next_lap_date_start
    end as lap_end_at
  from with_neighbours

)

select
  meeting_key,
  session_key,
  driver_number,
  lap_number,
  date_start,
  lap_start_at,
  date_start is null and lap_start_at is not null as is_lap_start_estimated,
  lap_end_at,
  lap_end_at is not null as is_lap_completed,
  lap_duration,
  duration_sector_1,
  duration_sector_2,
  duration_sector_3,
  calculated_lap_duration,
  round(lap_duration - calculated_lap_duration, 3) as sector_duration_delta,
  case
    when duration_sector_1 is not null and duration_sector_2 is not null and duration_sector_3 is not null
      then 'Complete'
    when duration_sector_1 is null and duration_sector_2 is null and duration_sector_3 is null
      then 'No Sectors'
    else 'Partial'
  end as sector_completeness,
  i1_speed,
  i2_speed,
  st_speed,
  greatest(i1_speed, i2_speed, st_speed) as max_speed,
  is_pit_out_lap,
  (
    lap_duration is not null
    and not is_pit_out_lap
    and lap_duration > {{ var('min_valid_lap_seconds', 10) }}
    and lap_duration < {{ var('max_valid_lap_seconds', 300) }}
  ) as is_valid_lap,
  segments_sector_1,
  segments_sector_2,
  segments_sector_3,
  {{ count_in_lists(['segments_sector_1', 'segments_sector_2', 'segments_sector_3'], 2051) }} as purple_segments,
  {{ count_in_lists(['segments_sector_1', 'segments_sector_2', 'segments_sector_3'], 2064) }} as pit_lane_segments,
  ingested_at,
  source_file
from derived
