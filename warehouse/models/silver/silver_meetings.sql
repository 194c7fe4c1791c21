{{
  config(
    materialized='incremental',
    incremental_strategy='merge',
    unique_key=['meeting_key'],
    on_schema_change='append_new_columns'
  )
}}

{# One row per meeting_key (merge). Trailing spaces trimmed; 2026-only fields are NULL before. #}

with source as (

  select * from {{ bronze_relation('bronze_meetings') }}
  where meeting_key is not null
  {% if is_incremental() %}
    and meeting_key in {{ sessions_with_new_rows(bronze_relation('bronze_meetings'), this, 'meeting_key') }}
  {% endif %}

),

deduplicated as (

  select
    *,
    max(_ingestion_timestamp) over (partition by meeting_key) as ingested_at
  from source
  qualify {{ dedupe(['meeting_key'],
    ['meeting_name', 'meeting_official_name', 'location', 'country_name', 'circuit_key',
     'circuit_short_name', 'date_start', 'date_end', 'gmt_offset', 'year']) }}

)

select
  cast(meeting_key as bigint) as meeting_key,
  coalesce(trim(meeting_name), 'Unknown') as meeting_name,
  trim(meeting_official_name) as meeting_official_name,
  trim(meeting_code) as meeting_code,
  trim(location) as location,
  try_cast(country_key as bigint) as country_key,
  trim(country_code) as country_code,
  trim(country_name) as country_name,
  trim(country_flag) as country_flag,
  try_cast(circuit_key as bigint) as circuit_key,
  trim(circuit_short_name) as circuit_short_name,
  trim(circuit_type) as circuit_type,
  {{ parse_timestamp('date_start') }} as date_start,
  {{ parse_timestamp('date_end') }} as date_end,
  trim(gmt_offset) as gmt_offset,
  {{ gmt_offset_minutes('gmt_offset') }} as gmt_offset_minutes,
  coalesce(try_cast(is_cancelled as boolean), false) as is_cancelled,
  coalesce(try_cast(year as integer), cast(extract(year from {{ parse_timestamp('date_start') }}) as integer)) as year,
  ingested_at,
  _source_file as source_file
from deduplicated
