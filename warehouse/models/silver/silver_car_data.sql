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
  One row per (session_key, driver_number, date). Sentinels become NULL (API.md §5.1):
  throttle/brake 104, n_gear outside 0-8, negative speed or rpm. brake is reported 0/100, kept as
  a percentage plus is_braking. drs codes: 10/12/14 open, 8 eligible (detected), others closed or
  unknown.
  Each build reprocesses the sessions with new bronze rows whole and replaces their session_key
  partition (delete+insert by session_key): a new race adds a partition and touches no other file.
#}

with source as (

  select * from {{ bronze_relation('bronze_car_data', this if is_incremental() else none) }}
  where session_key is not null and driver_number is not null and date is not null

),

typed as (

  select
    cast(meeting_key as bigint) as meeting_key,
    cast(session_key as bigint) as session_key,
    cast(driver_number as bigint) as driver_number,
    {{ parse_timestamp('date') }} as date,
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
qualify {{ dedupe(['session_key', 'driver_number', 'date'], ['speed', 'rpm', 'n_gear', 'throttle', 'brake', 'drs']) }}
