{{
  config(
    materialized='incremental',
    incremental_strategy='merge',
    unique_key=['session_key', 'driver_number', 'date'],
    on_schema_change='append_new_columns'
  )
}}

{#
  One row per (session_key, driver_number, date), races only, about every 4 s per car.
  gap_to_leader and interval mix seconds, "+1 LAP"/"+2 LAPS" and NULL (the leader): each is split
  into *_seconds (NULL when the gap is in laps) and *_laps (laps behind; 0 when in seconds).
#}

with source as (

  select * from {{ bronze_relation('bronze_intervals', this if is_incremental() else none) }}
  where session_key is not null and driver_number is not null and date is not null

),

typed as (

  select
    cast(meeting_key as bigint) as meeting_key,
    cast(session_key as bigint) as session_key,
    cast(driver_number as bigint) as driver_number,
    {{ parse_timestamp('date') }} as date,
    trim(cast(gap_to_leader as varchar), '"') as gap_to_leader_raw,
    trim(cast("interval" as varchar), '"') as interval_raw,
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
  {{ gap_seconds('gap_to_leader_raw') }} as gap_to_leader_seconds,
  {{ gap_laps('gap_to_leader_raw') }} as gap_to_leader_laps,
  interval_raw,
  {{ gap_seconds('interval_raw') }} as interval_seconds,
  {{ gap_laps('interval_raw') }} as interval_laps,
  gap_to_leader_raw is null as is_leader,
  max(_ingestion_timestamp) over (partition by session_key, driver_number, date) as ingested_at,
  _source_file as source_file
from typed
where date is not null
qualify {{ dedupe(['session_key', 'driver_number', 'date'], ['gap_to_leader_raw', 'interval_raw']) }}
