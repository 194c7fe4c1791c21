{{
  config(
    materialized='incremental',
    incremental_strategy='merge',
    unique_key=['session_key', 'driver_number', 'stint_number'],
    on_schema_change='append_new_columns'
  )
}}

{#
  One row per (session_key, driver_number, stint_number). compound upper-cased, NULL → 'UNKNOWN'
  (API.md §5.2: stints with null compound); a lap_end before lap_start becomes NULL.
#}

with source as (

  select * from {{ bronze_relation('bronze_stints', this if is_incremental() else none) }}
  where session_key is not null and driver_number is not null and stint_number is not null

),

deduplicated as (

  select
    *,
    max(_ingestion_timestamp) over (partition by session_key, driver_number, stint_number) as ingested_at
  from source
  qualify {{ dedupe(['session_key', 'driver_number', 'stint_number'],
    ['lap_start', 'lap_end', 'compound', 'tyre_age_at_start']) }}

)

select
  cast(meeting_key as bigint) as meeting_key,
  cast(session_key as bigint) as session_key,
  cast(driver_number as bigint) as driver_number,
  cast(stint_number as integer) as stint_number,
  try_cast(lap_start as integer) as lap_start,
  case when try_cast(lap_end as integer) >= try_cast(lap_start as integer) then try_cast(lap_end as integer) end as lap_end,
  case
    when upper(trim(compound)) in ('SOFT', 'MEDIUM', 'HARD', 'INTERMEDIATE', 'WET') then upper(trim(compound))
    else 'UNKNOWN'
  end as compound,
  try_cast(tyre_age_at_start as integer) as tyre_age_at_start,
  case
    when try_cast(lap_end as integer) >= try_cast(lap_start as integer)
      then try_cast(lap_end as integer) - try_cast(lap_start as integer) + 1
  end as stint_laps,
  ingested_at,
  _source_file as source_file
from deduplicated
