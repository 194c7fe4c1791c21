with source as (

  select * from (
    select
      cast(null as bigint) as meeting_key,
      cast(null as bigint) as session_key,
      cast(null as bigint) as driver_number,
      cast(null as bigint) as lap_number,
      cast(null as string) as date_start,
      cast(null as double) as duration_sector_1,
      cast(null as double) as duration_sector_2,
      cast(null as double) as duration_sector_3,
      cast(null as bigint) as i1_speed,
      cast(null as bigint) as i2_speed,
      cast(null as bigint) as st_speed,
      cast(null as boolean) as is_pit_out_lap,
      cast(null as double) as lap_duration,
      cast(null as array<bigint>) as segments_sector_1,
      cast(null as array<bigint>) as segments_sector_2,
      cast(null as array<bigint>) as segments_sector_3,
      cast(null as timestamp) as _ingestion_timestamp,
      cast(null as string) as _source_file,
      cast(null as date) as batch_day,
      cast(null as string) as _rescued_data
    where false
    union all
    select
      cast(meeting_key as bigint) as meeting_key,
      cast(session_key as bigint) as session_key,
      cast(driver_number as bigint) as driver_number,
      cast(lap_number as bigint) as lap_number,
      cast(date_start as string) as date_start,
      cast(duration_sector_1 as double) as duration_sector_1,
      cast(duration_sector_2 as double) as duration_sector_2,
      cast(duration_sector_3 as double) as duration_sector_3,
      cast(i1_speed as bigint) as i1_speed,
      cast(i2_speed as bigint) as i2_speed,
      cast(st_speed as bigint) as st_speed,
      cast(is_pit_out_lap as boolean) as is_pit_out_lap,
      cast(lap_duration as double) as lap_duration,
      cast(segments_sector_1 as array<bigint>) as segments_sector_1,
      cast(segments_sector_2 as array<bigint>) as segments_sector_2,
      cast(segments_sector_3 as array<bigint>) as segments_sector_3,
      cast(_ingestion_timestamp as timestamp) as _ingestion_timestamp,
      cast(_source_file as string) as _source_file,
      cast(batch_day as date) as batch_day,
      cast(_rescued_data as string) as _rescued_data
    from `f1_prod`.`bronze_raw`.`bronze_laps`
    where session_key in (
      select distinct session_key from `f1_prod`.`bronze_raw`.`bronze_laps`
      where cast(_ingestion_timestamp as timestamp) > (
        select coalesce(max(ingested_at), timestamp '1970-01-01 00:00:00+00') from `f1_prod`.`silver_clean`.`silver_laps`
      )
    )
  )
  where session_key is not null and driver_number is not null and lap_number is not null

),

deduplicated as (

  select
    *,
    max(_ingestion_timestamp) over (partition by session_key, driver_number, lap_number) as ingested_at
  from source
  qualify row_number() over (
    partition by session_key, driver_number, lap_number
    order by ((case when date_start is null then 0 else 1 end) + (case when lap_duration is null then 0 else 1 end) + (case when duration_sector_1 is null then 0 else 1 end) + (case when duration_sector_2 is null then 0 else 1 end) + (case when duration_sector_3 is null then 0 else 1 end) + (case when i1_speed is null then 0 else 1 end) + (case when i2_speed is null then 0 else 1 end) + (case when st_speed is null then 0 else 1 end) + (case when segments_sector_1 is null then 0 else 1 end) + (case when segments_sector_2 is null then 0 else 1 end) + (case when segments_sector_3 is null then 0 else 1 end)) desc, _ingestion_timestamp desc nulls last, _source_file desc nulls last
  ) = 1

),

typed as (

  select
    cast(meeting_key as bigint) as meeting_key,
    cast(session_key as bigint) as session_key,
    cast(driver_number as bigint) as driver_number,
    cast(lap_number as integer) as lap_number,
    (
    case
      when date_start is null then null
      when regexp_like(trim(cast(date_start as string)), concat('^(?:', '[0-9]{12,13}', ')$'))
        then timestamp_millis(cast(trim(cast(date_start as string)) as bigint))
      when regexp_like(trim(cast(date_start as string)), '[T ][0-9:.]+(Z|[+-][0-9]{2}(:?[0-9]{2})?)$')
        then try_cast(trim(cast(date_start as string)) as timestamp)
      else try_cast(trim(cast(date_start as string)) || '+00:00' as timestamp)
    end
  ) as date_start,
    try_cast(lap_duration as double) as lap_duration,
    try_cast(duration_sector_1 as double) as duration_sector_1,
    try_cast(duration_sector_2 as double) as duration_sector_2,
    try_cast(duration_sector_3 as double) as duration_sector_3,
    try_cast(i1_speed as integer) as i1_speed,
    try_cast(i2_speed as integer) as i2_speed,
    try_cast(st_speed as integer) as st_speed,
    coalesce(try_cast(is_pit_out_lap as boolean), false) as is_pit_out_lap,
    try_cast(segments_sector_1 as array<bigint>) as segments_sector_1,
    try_cast(segments_sector_2 as array<bigint>) as segments_sector_2,
    try_cast(segments_sector_3 as array<bigint>) as segments_sector_3,
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
    and lap_duration > 10
    and lap_duration < 300
  ) as is_valid_lap,
  segments_sector_1,
  segments_sector_2,
  segments_sector_3,
  size(filter(
    concat(coalesce(segments_sector_1, array()), coalesce(segments_sector_2, array()), coalesce(segments_sector_3, array())),
    s -> s = 2051
  )) as purple_segments,
  size(filter(
    concat(coalesce(segments_sector_1, array()), coalesce(segments_sector_2, array()), coalesce(segments_sector_3, array())),
    s -> s = 2064
  )) as pit_lane_segments,
  ingested_at,
  source_file
from derived
