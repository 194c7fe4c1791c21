{{
  config(
    materialized='incremental',
    incremental_strategy='merge',
    unique_key=['session_key', 'driver_number', 'date'],
    on_schema_change='append_new_columns'
  )
}}

{# One row per (session_key, driver_number, date): position changes (event-driven). #}

with source as (

  select * from {{ bronze_relation('bronze_position', this if is_incremental() else none) }}
  where session_key is not null and driver_number is not null and date is not null

),

typed as (

  select
    cast(meeting_key as bigint) as meeting_key,
    cast(session_key as bigint) as session_key,
    cast(driver_number as bigint) as driver_number,
    {{ parse_timestamp('date') }} as date,
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
qualify {{ dedupe(['session_key', 'driver_number', 'date'], ['position']) }}
