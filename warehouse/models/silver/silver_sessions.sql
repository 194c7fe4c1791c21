{{
  config(
    materialized='incremental',
    incremental_strategy='merge',
    unique_key=['session_key'],
    on_schema_change='append_new_columns'
  )
}}

{#
  One row per session_key (merge). Adds the original design's session_duration_minutes and
  session_category. Session keys are not chronological (API.md §5.1): order by date_start.
#}

with source as (

  select * from {{ bronze_relation('bronze_sessions', this if is_incremental() else none) }}
  where session_key is not null

),

deduplicated as (

  select
    *,
    max(_ingestion_timestamp) over (partition by session_key) as ingested_at
  from source
  qualify {{ dedupe(['session_key'],
    ['meeting_key', 'session_name', 'session_type', 'date_start', 'date_end', 'gmt_offset',
     'location', 'country_name', 'circuit_key', 'circuit_short_name', 'year', 'is_cancelled']) }}

),

typed as (

  select
    cast(session_key as bigint) as session_key,
    cast(meeting_key as bigint) as meeting_key,
    coalesce(trim(session_name), 'Unknown') as session_name,
    coalesce(trim(session_type), 'Unknown') as session_type,
    {{ parse_timestamp('date_start') }} as date_start,
    {{ parse_timestamp('date_end') }} as date_end,
    trim(gmt_offset) as gmt_offset,
    trim(location) as location,
    try_cast(country_key as bigint) as country_key,
    trim(country_code) as country_code,
    trim(country_name) as country_name,
    try_cast(circuit_key as bigint) as circuit_key,
    trim(circuit_short_name) as circuit_short_name,
    coalesce(try_cast(is_cancelled as boolean), false) as is_cancelled,
    try_cast(year as integer) as year,
    ingested_at,
    _source_file as source_file
  from deduplicated

)

select
  session_key,
  meeting_key,
  session_name,
  session_type,
  {{ session_category('session_name', 'session_type') }} as session_category,
  session_name in ('Race', 'Sprint') or (session_type = 'Race') as is_race,
  date_start,
  date_end,
  case
    when date_end >= date_start then cast(round({{ seconds_between('date_start', 'date_end') }} / 60.0) as integer)
  end as session_duration_minutes,
  gmt_offset,
  {{ gmt_offset_minutes('gmt_offset') }} as gmt_offset_minutes,
  location,
  country_key,
  country_code,
  country_name,
  circuit_key,
  circuit_short_name,
  is_cancelled,
  coalesce(year, cast(extract(year from date_start) as integer)) as year,
  ingested_at,
  source_file
from typed
