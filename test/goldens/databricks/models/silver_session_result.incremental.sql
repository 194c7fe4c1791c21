with source as (

  select * from (
    select
      cast(null as bigint) as meeting_key,
      cast(null as bigint) as session_key,
      cast(null as bigint) as driver_number,
      cast(null as bigint) as position,
      cast(null as bigint) as number_of_laps,
      cast(null as double) as points,
      cast(null as boolean) as dnf,
      cast(null as boolean) as dns,
      cast(null as boolean) as dsq,
      cast(null as string) as duration,
      cast(null as string) as gap_to_leader,
      cast(null as timestamp) as _ingestion_timestamp,
      cast(null as string) as _source_file,
      cast(null as date) as batch_day,
      cast(null as string) as _rescued_data
    where false
    union all
    select
      cast(meeting_key as bigint) as meeting_key,
      cast(session_key as bigint) as session_key,
      cast(driver_number as bigint) as driver_number,
      cast(position as bigint) as position,
      cast(number_of_laps as bigint) as number_of_laps,
      cast(points as double) as points,
      cast(dnf as boolean) as dnf,
      cast(dns as boolean) as dns,
      cast(dsq as boolean) as dsq,
      cast(duration as string) as duration,
      cast(gap_to_leader as string) as gap_to_leader,
      cast(_ingestion_timestamp as timestamp) as _ingestion_timestamp,
      cast(_source_file as string) as _source_file,
      cast(batch_day as date) as batch_day,
      cast(_rescued_data as string) as _rescued_data
    from `f1_prod`.`bronze_raw`.`bronze_session_result`
    where session_key in (
      select distinct session_key from `f1_prod`.`bronze_raw`.`bronze_session_result`
      where cast(_ingestion_timestamp as timestamp) > (
        select coalesce(max(ingested_at), timestamp '1970-01-01 00:00:00+00') from `f1_prod`.`silver_clean`.`silver_session_result`
      )
    )
  )
  where session_key is not null and driver_number is not null

),

deduplicated as (

  select
    *,
    max(_ingestion_timestamp) over (partition by session_key, driver_number) as ingested_at
  from source
  qualify row_number() over (
    partition by session_key, driver_number
    order by ((case when position is null then 0 else 1 end) + (case when number_of_laps is null then 0 else 1 end) + (case when points is null then 0 else 1 end) + (case when dnf is null then 0 else 1 end) + (case when dns is null then 0 else 1 end) + (case when dsq is null then 0 else 1 end) + (case when duration is null then 0 else 1 end) + (case when gap_to_leader is null then 0 else 1 end)) desc, _ingestion_timestamp desc nulls last, _source_file desc nulls last
  ) = 1

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
    trim(cast(duration as string), '"') as duration_raw,
    trim(cast(gap_to_leader as string), '"') as gap_to_leader_raw,
    try_cast(cast(duration as string) as array<double>) as duration_parts,
    try_cast(cast(gap_to_leader as string) as array<double>) as gap_parts,
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
    when (
    case
      when cast(gap_to_leader_raw as string) ilike '%lap%'
        then try_cast(regexp_extract(cast(gap_to_leader_raw as string), '([0-9]+)', 1) as integer)
      when gap_to_leader_raw is null then null
      else 0
    end
  ) > 0 then 'Lapped'
    else 'Finished'
  end as result_status,
  coalesce(
    try_cast(nullif(trim(replace(cast(duration_raw as string), '+', '')), '') as double),
    try_element_at(filter(duration_parts, d -> d is not null), -1)
  ) as duration_seconds,
  try_element_at(duration_parts, 1) as q1_seconds,
  try_element_at(duration_parts, 2) as q2_seconds,
  try_element_at(duration_parts, 3) as q3_seconds,
  duration_raw,
  coalesce(
    try_cast(nullif(trim(replace(cast(gap_to_leader_raw as string), '+', '')), '') as double),
    try_element_at(filter(gap_parts, d -> d is not null), -1)
  ) as gap_to_leader_seconds,
  case when gap_parts is null then (
    case
      when cast(gap_to_leader_raw as string) ilike '%lap%'
        then try_cast(regexp_extract(cast(gap_to_leader_raw as string), '([0-9]+)', 1) as integer)
      when gap_to_leader_raw is null then null
      else 0
    end
  ) end as gap_to_leader_laps,
  gap_to_leader_raw,
  ingested_at,
  _source_file as source_file
from typed
