with source as (

  select * from (
    select
      cast(null as bigint) as meeting_key,
      cast(null as bigint) as session_key,
      cast(null as bigint) as driver_number,
      cast(null as string) as date,
      cast(null as string) as gap_to_leader,
      cast(null as string) as interval,
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
      cast(date as string) as date,
      cast(gap_to_leader as string) as gap_to_leader,
      cast(interval as string) as interval,
      cast(_ingestion_timestamp as timestamp) as _ingestion_timestamp,
      cast(_source_file as string) as _source_file,
      cast(batch_day as date) as batch_day,
      cast(_rescued_data as string) as _rescued_data
    from `f1_prod`.`bronze_raw`.`bronze_intervals`
  )
  where session_key is not null and driver_number is not null and date is not null

),

typed as (

  select
    cast(meeting_key as bigint) as meeting_key,
    cast(session_key as bigint) as session_key,
    cast(driver_number as bigint) as driver_number,
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
    trim(cast(gap_to_leader as string), '"') as gap_to_leader_raw,
    trim(cast(`interval` as string), '"') as interval_raw,
    _ingestion_timestamp,
    _source_file
  from source

)

select
  meeting_key,
  session_key,
  driver_number,
  date,
  gap_to_leader_raw,
  try_cast(nullif(trim(replace(cast(gap_to_leader_raw as string), '+', '')), '') as double) as gap_to_leader_seconds,
  (
    case
      when cast(gap_to_leader_raw as string) ilike '%lap%'
        then try_cast(regexp_extract(cast(gap_to_leader_raw as string), '([0-9]+)', 1) as integer)
      when gap_to_leader_raw is null then null
      else 0
    end
  ) as gap_to_leader_laps,
  interval_raw,
  try_cast(nullif(trim(replace(cast(interval_raw as string), '+', '')), '') as double) as interval_seconds,
  (
    case
      when cast(interval_raw as string) ilike '%lap%'
        then try_cast(regexp_extract(cast(interval_raw as string), '([0-9]+)', 1) as integer)
      when interval_raw is null then null
      else 0
    end
  ) as interval_laps,
  gap_to_leader_raw is null as is_leader,
  max(_ingestion_timestamp) over (partition by session_key, driver_number, date) as ingested_at,
  _source_file as source_file
from typed
where date is not null
qualify row_number() over (
    partition by session_key, driver_number, date
    order by ((case when gap_to_leader_raw is null then 0 else 1 end) + (case when interval_raw is null then 0 else 1 end)) desc, _ingestion_timestamp desc nulls last, _source_file desc nulls last
  ) = 1
