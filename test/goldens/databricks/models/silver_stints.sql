with source as (

  select * from (
    select
      cast(null as bigint) as meeting_key,
      cast(null as bigint) as session_key,
      cast(null as bigint) as driver_number,
      cast(null as bigint) as stint_number,
      cast(null as bigint) as lap_start,
      cast(null as bigint) as lap_end,
      cast(null as string) as compound,
      cast(null as bigint) as tyre_age_at_start,
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
      cast(stint_number as bigint) as stint_number,
      cast(lap_start as bigint) as lap_start,
      cast(lap_end as bigint) as lap_end,
      cast(compound as string) as compound,
      cast(tyre_age_at_start as bigint) as tyre_age_at_start,
      cast(_ingestion_timestamp as timestamp) as _ingestion_timestamp,
      cast(_source_file as string) as _source_file,
      cast(batch_day as date) as batch_day,
      cast(_rescued_data as string) as _rescued_data
    from `f1_prod`.`bronze_raw`.`bronze_stints`
  )
  where session_key is not null and driver_number is not null and stint_number is not null

),

deduplicated as (

  select
    *,
    max(_ingestion_timestamp) over (partition by session_key, driver_number, stint_number) as ingested_at
  from source
  qualify row_number() over (
    partition by session_key, driver_number, stint_number
    order by ((case when lap_start is null then 0 else 1 end) + (case when lap_end is null then 0 else 1 end) + (case when compound is null then 0 else 1 end) + (case when tyre_age_at_start is null then 0 else 1 end)) desc, _ingestion_timestamp desc nulls last, _source_file desc nulls last
  ) = 1

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
