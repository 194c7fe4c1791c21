with


changed as (

  select distinct session_key
  from (
    with changed_sessions_watermark as (
      select coalesce(max(source_ingested_at), timestamp '1970-01-01 00:00:00+00') as watermark_at
      from `f1_prod`.`gold_analytics`.`fact_pit_stops`
    )
    select session_key from `f1_prod`.`silver_clean`.`silver_pit`, changed_sessions_watermark where ingested_at > watermark_at
    union
    select session_key from `f1_prod`.`gold_analytics`.`fact_laps`, changed_sessions_watermark where source_ingested_at > watermark_at
    
  ) as changed_keys

),


laps as (

  select * from `f1_prod`.`gold_analytics`.`fact_laps`
  
    where session_key in (select session_key from changed)
  

),

reported as (

  select
    meeting_key,
    session_key,
    driver_number,
    lap_number,
    date as pit_at,
    lane_duration,
    stop_duration,
    'pit' as source,
    ingested_at
  from `f1_prod`.`silver_clean`.`silver_pit`
  
    where session_key in (select session_key from changed)
  

),

derived as (

  select
    meeting_key,
    session_key,
    driver_number,
    lap_number - 1 as lap_number,
    lap_start_at as pit_at,
    cast(null as double) as lane_duration,
    cast(null as double) as stop_duration,
    'laps' as source,
    source_ingested_at as ingested_at
  from laps
  where is_pit_out_lap
    and lap_number > 1
    and session_key not in (select session_key from reported)

),

stops as (

  select * from reported
  union all
  select * from derived

)

select
  md5(concat_ws('|', stops.session_key, stops.driver_number, stops.lap_number)) as pit_stop_key,
  coalesce(stops.meeting_key, in_lap.meeting_key) as meeting_key,
  stops.session_key,
  stops.driver_number,
  in_lap.team_name,
  stops.lap_number,
  row_number() over (partition by stops.session_key, stops.driver_number order by stops.lap_number) as stop_number,
  stops.pit_at,
  stops.lane_duration,
  stops.stop_duration,
  stops.source,
  in_lap.compound as compound_before,
  in_lap.tyre_age as tyre_age_before,
  out_lap.compound as compound_after,
  out_lap.tyre_age as tyre_age_after,
  coalesce(in_lap.compound <> out_lap.compound, false) as is_compound_change,
  max(greatest(stops.ingested_at, in_lap.source_ingested_at, out_lap.source_ingested_at))
    over (partition by stops.session_key) as source_ingested_at
from stops
left join laps as in_lap
  on in_lap.session_key = stops.session_key
  and in_lap.driver_number = stops.driver_number
  and in_lap.lap_number = stops.lap_number
left join laps as out_lap
  on out_lap.session_key = stops.session_key
  and out_lap.driver_number = stops.driver_number
  and out_lap.lap_number = stops.lap_number + 1
