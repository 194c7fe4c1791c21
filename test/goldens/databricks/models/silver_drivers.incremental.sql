with affected_sessions as (

  
    select session_key from (
    select distinct session_key
    from (
    select
      cast(null as bigint) as meeting_key,
      cast(null as bigint) as session_key,
      cast(null as bigint) as driver_number,
      cast(null as string) as broadcast_name,
      cast(null as string) as full_name,
      cast(null as string) as first_name,
      cast(null as string) as last_name,
      cast(null as string) as name_acronym,
      cast(null as string) as team_name,
      cast(null as string) as team_colour,
      cast(null as string) as headshot_url,
      cast(null as string) as country_code,
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
      cast(broadcast_name as string) as broadcast_name,
      cast(full_name as string) as full_name,
      cast(first_name as string) as first_name,
      cast(last_name as string) as last_name,
      cast(name_acronym as string) as name_acronym,
      cast(team_name as string) as team_name,
      cast(team_colour as string) as team_colour,
      cast(headshot_url as string) as headshot_url,
      cast(country_code as string) as country_code,
      cast(_ingestion_timestamp as timestamp) as _ingestion_timestamp,
      cast(_source_file as string) as _source_file,
      cast(batch_day as date) as batch_day,
      cast(_rescued_data as string) as _rescued_data
    from `f1_prod`.`bronze_raw`.`bronze_drivers`
  ) as incoming
    where incoming._ingestion_timestamp > (
      select coalesce(max(ingested_at), timestamp '1970-01-01 00:00:00+00') from `f1_prod`.`silver_clean`.`silver_drivers`
    )
  )
    union
    select session_key from (
    select distinct session_key
    from (
    select
      cast(null as bigint) as meeting_key,
      cast(null as bigint) as session_key,
      cast(null as bigint) as driver_number,
      cast(null as bigint) as lap_number,
      cast(null as string) as date_start,
      cast(null as double) as duration_sector_1,
      cast(null as double) as duration_sector_2,
      cast(null as double) as duration_sector_3,
      cast(null as bigint) as i1_speed,
      cast(null as bigint) as i2_speed,
      cast(null as bigint) as st_speed,
      cast(null as boolean) as is_pit_out_lap,
      cast(null as double) as lap_duration,
      cast(null as array<bigint>) as segments_sector_1,
      cast(null as array<bigint>) as segments_sector_2,
      cast(null as array<bigint>) as segments_sector_3,
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
      cast(lap_number as bigint) as lap_number,
      cast(date_start as string) as date_start,
      cast(duration_sector_1 as double) as duration_sector_1,
      cast(duration_sector_2 as double) as duration_sector_2,
      cast(duration_sector_3 as double) as duration_sector_3,
      cast(i1_speed as bigint) as i1_speed,
      cast(i2_speed as bigint) as i2_speed,
      cast(st_speed as bigint) as st_speed,
      cast(is_pit_out_lap as boolean) as is_pit_out_lap,
      cast(lap_duration as double) as lap_duration,
      cast(segments_sector_1 as array<bigint>) as segments_sector_1,
      cast(segments_sector_2 as array<bigint>) as segments_sector_2,
      cast(segments_sector_3 as array<bigint>) as segments_sector_3,
      cast(_ingestion_timestamp as timestamp) as _ingestion_timestamp,
      cast(_source_file as string) as _source_file,
      cast(batch_day as date) as batch_day,
      cast(_rescued_data as string) as _rescued_data
    from `f1_prod`.`bronze_raw`.`bronze_laps`
  ) as incoming
    where incoming._ingestion_timestamp > (
      select coalesce(max(ingested_at), timestamp '1970-01-01 00:00:00+00') from `f1_prod`.`silver_clean`.`silver_drivers`
    )
  )
    union
    select session_key from (
    select distinct session_key
    from (
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
  ) as incoming
    where incoming._ingestion_timestamp > (
      select coalesce(max(ingested_at), timestamp '1970-01-01 00:00:00+00') from `f1_prod`.`silver_clean`.`silver_drivers`
    )
  )
    union
    select session_key from (
    select distinct session_key
    from (
    select
      cast(null as bigint) as meeting_key,
      cast(null as bigint) as session_key,
      cast(null as bigint) as driver_number,
      cast(null as bigint) as lap_number,
      cast(null as string) as date,
      cast(null as double) as lane_duration,
      cast(null as double) as pit_duration,
      cast(null as double) as stop_duration,
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
      cast(lap_number as bigint) as lap_number,
      cast(date as string) as date,
      cast(lane_duration as double) as lane_duration,
      cast(pit_duration as double) as pit_duration,
      cast(stop_duration as double) as stop_duration,
      cast(_ingestion_timestamp as timestamp) as _ingestion_timestamp,
      cast(_source_file as string) as _source_file,
      cast(batch_day as date) as batch_day,
      cast(_rescued_data as string) as _rescued_data
    from `f1_prod`.`bronze_raw`.`bronze_pit`
  ) as incoming
    where incoming._ingestion_timestamp > (
      select coalesce(max(ingested_at), timestamp '1970-01-01 00:00:00+00') from `f1_prod`.`silver_clean`.`silver_drivers`
    )
  )
    union
    select session_key from (
    select distinct session_key
    from (
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
  ) as incoming
    where incoming._ingestion_timestamp > (
      select coalesce(max(ingested_at), timestamp '1970-01-01 00:00:00+00') from `f1_prod`.`silver_clean`.`silver_drivers`
    )
  )
  

),

drivers_raw as (

  select *
  from (
    select
      cast(null as bigint) as meeting_key,
      cast(null as bigint) as session_key,
      cast(null as bigint) as driver_number,
      cast(null as string) as broadcast_name,
      cast(null as string) as full_name,
      cast(null as string) as first_name,
      cast(null as string) as last_name,
      cast(null as string) as name_acronym,
      cast(null as string) as team_name,
      cast(null as string) as team_colour,
      cast(null as string) as headshot_url,
      cast(null as string) as country_code,
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
      cast(broadcast_name as string) as broadcast_name,
      cast(full_name as string) as full_name,
      cast(first_name as string) as first_name,
      cast(last_name as string) as last_name,
      cast(name_acronym as string) as name_acronym,
      cast(team_name as string) as team_name,
      cast(team_colour as string) as team_colour,
      cast(headshot_url as string) as headshot_url,
      cast(country_code as string) as country_code,
      cast(_ingestion_timestamp as timestamp) as _ingestion_timestamp,
      cast(_source_file as string) as _source_file,
      cast(batch_day as date) as batch_day,
      cast(_rescued_data as string) as _rescued_data
    from `f1_prod`.`bronze_raw`.`bronze_drivers`
  )
  where session_key is not null and driver_number is not null
  
    and session_key in (select session_key from affected_sessions)
  

),

reported as (

  select * from drivers_raw
  qualify row_number() over (
    partition by session_key, driver_number
    order by ((case when full_name is null then 0 else 1 end) + (case when first_name is null then 0 else 1 end) + (case when last_name is null then 0 else 1 end) + (case when broadcast_name is null then 0 else 1 end) + (case when name_acronym is null then 0 else 1 end) + (case when team_name is null then 0 else 1 end) + (case when team_colour is null then 0 else 1 end) + (case when headshot_url is null then 0 else 1 end) + (case when country_code is null then 0 else 1 end)) desc, _ingestion_timestamp desc nulls last, _source_file desc nulls last
  ) = 1

),

seen_in_timing as (

  select meeting_key, session_key, driver_number, _ingestion_timestamp
  from (
    select
      cast(null as bigint) as meeting_key,
      cast(null as bigint) as session_key,
      cast(null as bigint) as driver_number,
      cast(null as bigint) as lap_number,
      cast(null as string) as date_start,
      cast(null as double) as duration_sector_1,
      cast(null as double) as duration_sector_2,
      cast(null as double) as duration_sector_3,
      cast(null as bigint) as i1_speed,
      cast(null as bigint) as i2_speed,
      cast(null as bigint) as st_speed,
      cast(null as boolean) as is_pit_out_lap,
      cast(null as double) as lap_duration,
      cast(null as array<bigint>) as segments_sector_1,
      cast(null as array<bigint>) as segments_sector_2,
      cast(null as array<bigint>) as segments_sector_3,
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
      cast(lap_number as bigint) as lap_number,
      cast(date_start as string) as date_start,
      cast(duration_sector_1 as double) as duration_sector_1,
      cast(duration_sector_2 as double) as duration_sector_2,
      cast(duration_sector_3 as double) as duration_sector_3,
      cast(i1_speed as bigint) as i1_speed,
      cast(i2_speed as bigint) as i2_speed,
      cast(st_speed as bigint) as st_speed,
      cast(is_pit_out_lap as boolean) as is_pit_out_lap,
      cast(lap_duration as double) as lap_duration,
      cast(segments_sector_1 as array<bigint>) as segments_sector_1,
      cast(segments_sector_2 as array<bigint>) as segments_sector_2,
      cast(segments_sector_3 as array<bigint>) as segments_sector_3,
      cast(_ingestion_timestamp as timestamp) as _ingestion_timestamp,
      cast(_source_file as string) as _source_file,
      cast(batch_day as date) as batch_day,
      cast(_rescued_data as string) as _rescued_data
    from `f1_prod`.`bronze_raw`.`bronze_laps`
  )
  where session_key is not null and driver_number is not null
  
    and session_key in (select session_key from affected_sessions)
  
  union all
  select meeting_key, session_key, driver_number, _ingestion_timestamp
  from (
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
  where session_key is not null and driver_number is not null
  
    and session_key in (select session_key from affected_sessions)
  
  union all
  select meeting_key, session_key, driver_number, _ingestion_timestamp
  from (
    select
      cast(null as bigint) as meeting_key,
      cast(null as bigint) as session_key,
      cast(null as bigint) as driver_number,
      cast(null as bigint) as lap_number,
      cast(null as string) as date,
      cast(null as double) as lane_duration,
      cast(null as double) as pit_duration,
      cast(null as double) as stop_duration,
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
      cast(lap_number as bigint) as lap_number,
      cast(date as string) as date,
      cast(lane_duration as double) as lane_duration,
      cast(pit_duration as double) as pit_duration,
      cast(stop_duration as double) as stop_duration,
      cast(_ingestion_timestamp as timestamp) as _ingestion_timestamp,
      cast(_source_file as string) as _source_file,
      cast(batch_day as date) as batch_day,
      cast(_rescued_data as string) as _rescued_data
    from `f1_prod`.`bronze_raw`.`bronze_pit`
  )
  where session_key is not null and driver_number is not null
  
    and session_key in (select session_key from affected_sessions)
  
  union all
  select meeting_key, session_key, driver_number, _ingestion_timestamp
  from (
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
  )
  where session_key is not null and driver_number is not null
  
    and session_key in (select session_key from affected_sessions)
  

),

derived as (

  select
    max(meeting_key) as meeting_key,
    session_key,
    driver_number
  from seen_in_timing
  where session_key not in (select session_key from reported)
  group by session_key, driver_number

),

-- the incremental watermark of a session: its newest row in any of the five inputs (the
-- affected-sessions filter looks at all five, so every row of the session carries their max)
session_watermark as (

  select session_key, max(_ingestion_timestamp) as ingested_at
  from (
    select session_key, _ingestion_timestamp from drivers_raw
    union all
    select session_key, _ingestion_timestamp from seen_in_timing
  )
  group by session_key

),

combined as (

  select
    cast(meeting_key as bigint) as meeting_key,
    cast(session_key as bigint) as session_key,
    cast(driver_number as bigint) as driver_number,
    nullif(trim(full_name), '') as full_name,
    nullif(trim(first_name), '') as first_name,
    nullif(trim(last_name), '') as last_name,
    nullif(trim(broadcast_name), '') as broadcast_name,
    nullif(upper(trim(name_acronym)), '') as name_acronym,
    nullif(trim(team_name), '') as team_name,
    nullif(upper(replace(trim(team_colour), '#', '')), '') as team_colour,
    nullif(trim(headshot_url), '') as headshot_url,
    nullif(trim(country_code), '') as country_code,
    false as is_derived,
    _source_file as source_file
  from reported
  union all
  select
    cast(meeting_key as bigint) as meeting_key,
    cast(session_key as bigint) as session_key,
    cast(driver_number as bigint) as driver_number,
    cast(null as string) as full_name,
    cast(null as string) as first_name,
    cast(null as string) as last_name,
    cast(null as string) as broadcast_name,
    cast(null as string) as name_acronym,
    cast(null as string) as team_name,
    cast(null as string) as team_colour,
    cast(null as string) as headshot_url,
    cast(null as string) as country_code,
    true as is_derived,
    'derived from laps, stints, pit and session_result' as source_file
  from derived

)

select
  combined.meeting_key,
  combined.session_key,
  combined.driver_number,
  coalesce(combined.full_name, 'Unknown') as full_name,
  combined.first_name,
  combined.last_name,
  coalesce(combined.broadcast_name, combined.full_name, 'Unknown') as broadcast_name,
  coalesce(combined.name_acronym, '#' || cast(combined.driver_number as string)) as name_acronym,
  coalesce(combined.team_name, 'Unknown') as team_name,
  coalesce(combined.team_colour, '808080') as team_colour,
  coalesce(teams.team_category, combined.team_name, 'Unknown') as team_category,
  combined.headshot_url,
  combined.country_code,
  combined.is_derived,
  session_watermark.ingested_at,
  combined.source_file
from combined
join session_watermark on session_watermark.session_key = combined.session_key
left join `f1_prod`.`gold_analytics`.`team_categories` as teams
  on teams.team_name = combined.team_name
