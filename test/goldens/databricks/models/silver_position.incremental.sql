with source as (

  select * from (
    select
      cast(null as bigint) as meeting_key,
      cast(null as bigint) as session_key,
      cast(null as bigint) as driver_number,
      cast(null as string) as date,
      cast(null as bigint) as position,
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
      cast(position as bigint) as position,
      cast(_ingestion_timestamp as timestamp) as _ingestion_timestamp,
      cast(_source_file as string) as _source_file,
      cast(batch_day as date) as batch_day,
      cast(_rescued_data as string) as _rescued_data
    from `f1_prod`.`bronze_raw`.`bronze_position`
    where session_key in (
      select distinct session_key from `f1_prod`.`bronze_raw`.`bronze_position`
      where cast(_ingestion_timestamp as timestamp) > (
        select coalesce(max(ingested_at), timestamp '1970-01-01 00:00:00+00') from `f1_prod`.`silver_clean`.`silver_position`
      )
    )
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
    try_cast(position as integer) as position,
    _ingestion_timestamp,
    _source_file
  from source

)

select
  meeting_key,
  session_key,
  driver_number,
  date,
  case when position between 1 and 30 then position end as position,
  max(_ingestion_timestamp) over (partition by session_key, driver_number, date) as ingested_at,
  _source_file as source_file
from typed
where date is not null
qualify row_number() over (
    partition by session_key, driver_number, date
    order by ((case when position is null then 0 else 1 end)) desc, _ingestion_timestamp desc nulls last, _source_file desc nulls last
  ) = 1
