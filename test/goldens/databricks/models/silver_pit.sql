with source as (

  select * from (
    select
      cast(null as bigint) as meeting_key,
      cast(null as bigint) as session_key,
      cast(null as bigint) as driver_number,
      cast(null as bigint) as lap_number,
      cast(null as string) as date,
      cast(null as double) as lane_duration,
      cast(null as double) as pit_duration,
      cast(null as double) as stop_duration,
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
      cast(date as string) as date,
      cast(lane_duration as double) as lane_duration,
      cast(pit_duration as double) as pit_duration,
      cast(stop_duration as double) as stop_duration,
      cast(_ingestion_timestamp as timestamp) as _ingestion_timestamp,
      cast(_source_file as string) as _source_file,
      cast(batch_day as date) as batch_day,
      cast(_rescued_data as string) as _rescued_data
    from `f1_prod`.`bronze_raw`.`bronze_pit`
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
    order by ((case when date is null then 0 else 1 end) + (case when lane_duration is null then 0 else 1 end) + (case when pit_duration is null then 0 else 1 end) + (case when stop_duration is null then 0 else 1 end)) desc, _ingestion_timestamp desc nulls last, _source_file desc nulls last
  ) = 1

)

select
  cast(meeting_key as bigint) as meeting_key,
  cast(session_key as bigint) as session_key,
  cast(driver_number as bigint) as driver_number,
  cast(lap_number as integer) as lap_number,
  (
    case
      when date is null then null
      when regexp_like(trim(cast(date as string)), concat('^(?:', '[0-9]{12,13}', ')$'))
        then timestamp_millis(cast(trim(cast(date as string)) as bigint))
      when regexp_like(trim(cast(date as string)), '[T ][0-9:.]+(Z|[+-][0-9]{2}(:?[0-9]{2})?)$')
        then try_cast(trim(cast(date as string)) as timestamp)
      else try_cast(trim(cast(date as string)) || '+00:00' as timestamp)
    end
  ) as date,
  coalesce(try_cast(lane_duration as double), try_cast(pit_duration as double)) as lane_duration,
  try_cast(stop_duration as double) as stop_duration,
  ingested_at,
  _source_file as source_file
from deduplicated
