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
  One row per (session_key, driver_number, date). The x = y = z = 0 rows written before the cars
  run (69k of 632k in 9488, API.md §5.1) are dropped, as are rows whose date cannot be parsed.
  The original design's names: position_x/y/z and distance_from_origin.
  Each build reprocesses the sessions with new bronze rows whole and replaces their session_key
  partition (delete+insert by session_key): a new race adds a partition and touches no other file.
#}

with source as (

  select * from {{ bronze_relation('bronze_locations', this if is_incremental() else none) }}
  where session_key is not null and driver_number is not null and date is not null
    and not (coalesce(x, 0) = 0 and coalesce(y, 0) = 0 and coalesce(z, 0) = 0)

),

typed as (

  select
    cast(meeting_key as bigint) as meeting_key,
    cast(session_key as bigint) as session_key,
    cast(driver_number as bigint) as driver_number,
    {{ parse_timestamp('date') }} as date,
    try_cast(x as integer) as position_x,
    try_cast(y as integer) as position_y,
    try_cast(z as integer) as position_z,
    _ingestion_timestamp,
    _source_file
  from source

)

select
  meeting_key,
  session_key,
  driver_number,
  date,
  position_x,
  position_y,
  position_z,
  round(sqrt(
    power(coalesce(position_x, 0), 2) + power(coalesce(position_y, 0), 2) + power(coalesce(position_z, 0), 2)
  ), 1) as distance_from_origin,
  max(_ingestion_timestamp) over (partition by session_key, driver_number, date) as ingested_at,
  _source_file as source_file
from typed
where date is not null
qualify {{ dedupe(['session_key', 'driver_number', 'date'], ['position_x', 'position_y', 'position_z']) }}
