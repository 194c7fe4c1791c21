{{
  config(
    materialized='incremental',
    incremental_strategy='merge',
    unique_key=['session_key', 'driver_number'],
    on_schema_change='append_new_columns'
  )
}}

{#
  One row per (session_key, driver_number): the official classification. In races duration and
  gap_to_leader are a number, "+N LAP(S)" or NULL; in qualifying they are 3-element arrays
  (Q1-Q3) with nulls (API.md §5.1): the best (last non-null) element is kept as the scalar and the
  array as q1/q2/q3.
#}

with source as (

  select * from {{ bronze_relation('bronze_session_result', this if is_incremental() else none) }}
  where session_key is not null and driver_number is not null

),

deduplicated as (

  select
    *,
    max(_ingestion_timestamp) over (partition by session_key, driver_number) as ingested_at
  from source
  qualify {{ dedupe(['session_key', 'driver_number'],
    ['position', 'number_of_laps', 'points', 'dnf', 'dns', 'dsq', 'duration', 'gap_to_leader']) }}

),

typed as (

  select
    cast(meeting_key as bigint) as meeting_key,
    cast(session_key as bigint) as session_key,
    cast(driver_number as bigint) as driver_number,
    try_cast(position as integer) as position,
    try_cast(number_of_laps as integer) as number_of_laps,
    try_cast(points as double) as points,
    coalesce(try_cast(dnf as boolean), false) as dnf,
    coalesce(try_cast(dns as boolean), false) as dns,
    coalesce(try_cast(dsq as boolean), false) as dsq,
    trim(cast(duration as varchar), '"') as duration_raw,
    trim(cast(gap_to_leader as varchar), '"') as gap_to_leader_raw,
    try_cast(cast(duration as varchar) as double[]) as duration_parts,
    try_cast(cast(gap_to_leader as varchar) as double[]) as gap_parts,
    ingested_at,
    _source_file
  from deduplicated

)

select
  meeting_key,
  session_key,
  driver_number,
  case when position between 1 and 30 then position end as position,
  number_of_laps,
  points,
  dnf,
  dns,
  dsq,
  case
    when dsq then 'Disqualified'
    when dns then 'Did not start'
    when dnf then 'Retired'
    when {{ gap_laps('gap_to_leader_raw') }} > 0 then 'Lapped'
    else 'Finished'
  end as result_status,
  coalesce(
    {{ gap_seconds('duration_raw') }},
    {{ last_non_null('duration_parts') }}
  ) as duration_seconds,
  {{ list_item('duration_parts', 1) }} as q1_seconds,
  {{ list_item('duration_parts', 2) }} as q2_seconds,
  {{ list_item('duration_parts', 3) }} as q3_seconds,
  duration_raw,
  coalesce(
    {{ gap_seconds('gap_to_leader_raw') }},
    {{ last_non_null('gap_parts') }}
  ) as gap_to_leader_seconds,
  case when gap_parts is null then {{ gap_laps('gap_to_leader_raw') }} end as gap_to_leader_laps,
  gap_to_leader_raw,
  ingested_at,
  _source_file as source_file
from typed
