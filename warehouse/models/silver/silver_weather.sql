{{
  config(
    materialized='incremental',
    incremental_strategy='merge',
    unique_key=['session_key', 'date'],
    on_schema_change='append_new_columns'
  )
}}

{# One row per (session_key, date), about one a minute. Out-of-range readings become NULL. #}

with source as (

  select * from {{ bronze_relation('bronze_weather', this if is_incremental() else none) }}
  where session_key is not null and date is not null

),

typed as (

  select
    cast(meeting_key as bigint) as meeting_key,
    cast(session_key as bigint) as session_key,
    {{ parse_timestamp('date') }} as date,
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
qualify {{ dedupe(['session_key', 'date'],
  ['air_temperature', 'track_temperature', 'humidity', 'pressure', 'rainfall', 'wind_direction', 'wind_speed']) }}
