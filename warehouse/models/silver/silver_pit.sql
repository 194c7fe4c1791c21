{{
  config(
    materialized='incremental',
    incremental_strategy='merge',
    unique_key=['session_key', 'driver_number', 'lap_number'],
    on_schema_change='append_new_columns'
  )
}}

{#
  One row per (session_key, driver_number, lap_number). lane_duration falls back to the
  deprecated pit_duration; stop_duration (stationary time) exists only from the 2024 US GP on.
#}

with source as (

  select * from {{ bronze_relation('bronze_pit', this if is_incremental() else none) }}
  where session_key is not null and driver_number is not null and lap_number is not null

),

deduplicated as (

  select
    *,
    max(_ingestion_timestamp) over (partition by session_key, driver_number, lap_number) as ingested_at
  from source
  qualify {{ dedupe(['session_key', 'driver_number', 'lap_number'],
    ['date', 'lane_duration', 'pit_duration', 'stop_duration']) }}

)

select
  cast(meeting_key as bigint) as meeting_key,
  cast(session_key as bigint) as session_key,
  cast(driver_number as bigint) as driver_number,
  cast(lap_number as integer) as lap_number,
  {{ parse_timestamp('date') }} as date,
  coalesce(try_cast(lane_duration as double), try_cast(pit_duration as double)) as lane_duration,
  try_cast(stop_duration as double) as stop_duration,
  ingested_at,
  _source_file as source_file
from deduplicated
