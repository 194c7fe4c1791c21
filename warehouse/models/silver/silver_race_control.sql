{{
  config(
    materialized='incremental',
    incremental_strategy='merge',
    unique_key=['session_key', 'date', 'category', 'message'],
    on_schema_change='append_new_columns'
  )
}}

{#
  One row per (session_key, date, category, message): race control messages (flags, safety car,
  DRS, penalties). Dates are usually whole seconds. is_safety_car / is_red_flag help overlays.
#}

with source as (

  select * from {{ bronze_relation('bronze_race_control', this if is_incremental() else none) }}
  where session_key is not null and date is not null and message is not null

),

typed as (

  select
    cast(meeting_key as bigint) as meeting_key,
    cast(session_key as bigint) as session_key,
    {{ parse_timestamp('date') }} as date,
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
qualify {{ dedupe(['session_key', 'date', 'category', 'message'],
  ['flag', 'scope', 'sector', 'driver_number', 'lap_number', 'qualifying_phase']) }}
