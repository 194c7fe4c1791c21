with source as (

  select * from (
    select
      cast(null as bigint) as meeting_key,
      cast(null as bigint) as session_key,
      cast(null as string) as date,
      cast(null as double) as air_temperature,
      cast(null as double) as track_temperature,
      cast(null as double) as humidity,
      cast(null as double) as pressure,
      cast(null as bigint) as rainfall,
      cast(null as bigint) as wind_direction,
      cast(null as double) as wind_speed,
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
      cast(air_temperature as double) as air_temperature,
      cast(track_temperature as double) as track_temperature,
      cast(humidity as double) as humidity,
      cast(pressure as double) as pressure,
      cast(rainfall as bigint) as rainfall,
      cast(wind_direction as bigint) as wind_direction,
      cast(wind_speed as double) as wind_speed,
      cast(_ingestion_timestamp as timestamp) as _ingestion_timestamp,
      cast(_source_file as string) as _source_file,
      cast(batch_day as date) as batch_day,
      cast(_rescued_data as string) as _rescued_data
    from `f1_prod`.`bronze_raw`.`bronze_weather`
  )
  where session_key is not null and date is not null

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
    try_cast(air_temperature as double) as air_temperature,
    try_cast(track_temperature as double) as track_temperature,
    try_cast(humidity as double) as humidity,
    try_cast(pressure as double) as pressure,
    try_cast(rainfall as integer) as rainfall,
    try_cast(wind_direction as integer) as wind_direction,
    try_cast(wind_speed as double) as wind_speed,
    _ingestion_timestamp,
    _source_file
  from source

)

select
  meeting_key,
  session_key,
  date,
  case when air_temperature between -30 and 60 then air_temperature end as air_temperature,
  case when track_temperature between -30 and 80 then track_temperature end as track_temperature,
  case when humidity between 0 and 100 then humidity end as humidity,
  case when pressure between 800 and 1100 then pressure end as pressure,
  coalesce(rainfall > 0, false) as is_raining,
  case when wind_direction between 0 and 360 then wind_direction % 360 end as wind_direction,
  case when wind_speed >= 0 then wind_speed end as wind_speed,
  max(_ingestion_timestamp) over (partition by session_key, date) as ingested_at,
  _source_file as source_file
from typed
where date is not null
qualify row_number() over (
    partition by session_key, date
    order by ((case when air_temperature is null then 0 else 1 end) + (case when track_temperature is null then 0 else 1 end) + (case when humidity is null then 0 else 1 end) + (case when pressure is null then 0 else 1 end) + (case when rainfall is null then 0 else 1 end) + (case when wind_direction is null then 0 else 1 end) + (case when wind_speed is null then 0 else 1 end)) desc, _ingestion_timestamp desc nulls last, _source_file desc nulls last
  ) = 1
