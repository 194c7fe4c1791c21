with source as (

  select * from (
    select
      cast(null as bigint) as meeting_key,
      cast(null as bigint) as session_key,
      cast(null as string) as date,
      cast(null as string) as category,
      cast(null as string) as flag,
      cast(null as string) as scope,
      cast(null as bigint) as sector,
      cast(null as bigint) as driver_number,
      cast(null as bigint) as lap_number,
      cast(null as string) as message,
      cast(null as bigint) as qualifying_phase,
      cast(null as timestamp) as _ingestion_timestamp,
      cast(null as string) as _source_file,
      cast(null as date) as batch_day,
      cast(null as string) as _rescued_data
    where false
    union all
    select
      cast(meeting_key as bigint) as meeting_key,
      cast(session_key as bigint) as session_key,
      cast(date as string) as date,
      cast(category as string) as category,
      cast(flag as string) as flag,
      cast(scope as string) as scope,
      cast(sector as bigint) as sector,
      cast(driver_number as bigint) as driver_number,
      cast(lap_number as bigint) as lap_number,
      cast(message as string) as message,
      cast(qualifying_phase as bigint) as qualifying_phase,
      cast(_ingestion_timestamp as timestamp) as _ingestion_timestamp,
      cast(_source_file as string) as _source_file,
      cast(batch_day as date) as batch_day,
      cast(_rescued_data as string) as _rescued_data
    from `f1_prod`.`bronze_raw`.`bronze_race_control`
    where session_key in (
      select distinct session_key from `f1_prod`.`bronze_raw`.`bronze_race_control`
      where cast(_ingestion_timestamp as timestamp) > (
        select coalesce(max(ingested_at), timestamp '1970-01-01 00:00:00+00') from `f1_prod`.`silver_clean`.`silver_race_control`
      )
    )
  )
  where session_key is not null and date is not null and message is not null

),

typed as (

  select
    cast(meeting_key as bigint) as meeting_key,
    cast(session_key as bigint) as session_key,
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
    coalesce(nullif(trim(category), ''), 'Other') as category,
    nullif(upper(trim(flag)), '') as flag,
    nullif(trim(scope), '') as scope,
    try_cast(sector as integer) as sector,
    try_cast(driver_number as bigint) as driver_number,
    try_cast(lap_number as integer) as lap_number,
    trim(message) as message,
    try_cast(qualifying_phase as integer) as qualifying_phase,
    _ingestion_timestamp,
    _source_file
  from source

)

select
  meeting_key,
  session_key,
  date,
  category,
  flag,
  scope,
  sector,
  driver_number,
  lap_number,
  message,
  qualifying_phase,
  category = 'SafetyCar' or message ilike '%SAFETY CAR%' as is_safety_car,
  flag = 'RED' as is_red_flag,
  max(_ingestion_timestamp) over (partition by session_key, date, category, message) as ingested_at,
  _source_file as source_file
from typed
where date is not null
qualify row_number() over (
    partition by session_key, date, category, message
    order by ((case when flag is null then 0 else 1 end) + (case when scope is null then 0 else 1 end) + (case when sector is null then 0 else 1 end) + (case when driver_number is null then 0 else 1 end) + (case when lap_number is null then 0 else 1 end) + (case when qualifying_phase is null then 0 else 1 end)) desc, _ingestion_timestamp desc nulls last, _source_file desc nulls last
  ) = 1
