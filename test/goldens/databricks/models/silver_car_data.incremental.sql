with source as (

  select * from (
    select
      cast(null as bigint) as meeting_key,
      cast(null as bigint) as session_key,
      cast(null as bigint) as driver_number,
      cast(null as string) as date,
      cast(null as bigint) as speed,
      cast(null as bigint) as rpm,
      cast(null as bigint) as n_gear,
      cast(null as bigint) as throttle,
      cast(null as bigint) as brake,
      cast(null as bigint) as drs,
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
      cast(speed as bigint) as speed,
      cast(rpm as bigint) as rpm,
      cast(n_gear as bigint) as n_gear,
      cast(throttle as bigint) as throttle,
      cast(brake as bigint) as brake,
      cast(drs as bigint) as drs,
      cast(_ingestion_timestamp as timestamp) as _ingestion_timestamp,
      cast(_source_file as string) as _source_file,
      cast(batch_day as date) as batch_day,
      cast(_rescued_data as string) as _rescued_data
    from `f1_prod`.`bronze_raw`.`bronze_car_data`
    where session_key in (
      select distinct session_key from `f1_prod`.`bronze_raw`.`bronze_car_data`
      where cast(_ingestion_timestamp as timestamp) > (
        select coalesce(max(ingested_at), timestamp '1970-01-01 00:00:00+00') from `f1_prod`.`silver_clean`.`silver_car_data`
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
    try_cast(speed as integer) as speed,
    try_cast(rpm as integer) as rpm,
    try_cast(n_gear as integer) as n_gear,
    try_cast(throttle as integer) as throttle,
    try_cast(brake as integer) as brake,
    try_cast(drs as integer) as drs,
    _ingestion_timestamp,
    _source_file
  from source

)

select
  meeting_key,
  session_key,
  driver_number,
  date,
  case when speed between 0 and 400 then speed end as speed,
  case when rpm between 0 and 20000 then rpm end as rpm,
  case when n_gear between 0 and 8 then n_gear end as n_gear,
  case when throttle between 0 and 100 then throttle end as throttle,
  case when brake between 0 and 100 then brake end as brake,
  case when brake between 0 and 100 then brake > 0 end as is_braking,
  drs,
  coalesce(drs in (10, 12, 14), false) as is_drs_open,
  coalesce(drs = 8, false) as is_drs_eligible,
  throttle = 104 or brake = 104 or n_gear > 8 as had_sentinel,
  max(_ingestion_timestamp) over (partition by session_key, driver_number, date) as ingested_at,
  _source_file as source_file
from typed
where date is not null
qualify row_number() over (
    partition by session_key, driver_number, date
    order by ((case when speed is null then 0 else 1 end) + (case when rpm is null then 0 else 1 end) + (case when n_gear is null then 0 else 1 end) + (case when throttle is null then 0 else 1 end) + (case when brake is null then 0 else 1 end) + (case when drs is null then 0 else 1 end)) desc, _ingestion_timestamp desc nulls last, _source_file desc nulls last
  ) = 1
