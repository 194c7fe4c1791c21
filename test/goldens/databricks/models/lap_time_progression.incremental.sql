with session_laps as (

  select *
  from `f1_prod`.`gold_analytics`.`fact_laps`
  
    where session_key in (
    with changed_sessions_watermark as (
      select coalesce(max(source_ingested_at), timestamp '1970-01-01 00:00:00+00') as watermark_at
      from `f1_prod`.`gold_analytics`.`lap_time_progression`
    )
    select session_key from `f1_prod`.`silver_clean`.`silver_sessions`, changed_sessions_watermark where ingested_at > watermark_at
    union
    select session_key from `f1_prod`.`gold_analytics`.`fact_laps`, changed_sessions_watermark where source_ingested_at > watermark_at
    
  )
  

),

laps as (

  select * from session_laps where is_lap_completed

),

sessions as (

  select session_key, date_start, ingested_at from `f1_prod`.`silver_clean`.`silver_sessions`
  where session_key in (select session_key from session_laps)

),

race_start as (

  select
    session_laps.session_key,
    coalesce(
      min(session_laps.lap_start_at) filter (where session_laps.lap_number = 1),
      any_value(sessions.date_start)
    ) as started_at,
    greatest(max(session_laps.source_ingested_at), max(sessions.ingested_at)) as source_ingested_at
  from session_laps
  left join sessions on sessions.session_key = session_laps.session_key
  group by session_laps.session_key

),

ordered as (

  select
    laps.*,
    row_number() over (partition by laps.session_key, laps.lap_number order by laps.lap_end_at, laps.driver_number)
      as position_at_lap,
    min(laps.lap_end_at) over (partition by laps.session_key, laps.lap_number) as leader_lap_end_at,
    lag(laps.lap_end_at) over (partition by laps.session_key, laps.lap_number order by laps.lap_end_at, laps.driver_number)
      as car_ahead_lap_end_at
  from laps

)

select
  md5(concat_ws('|', ordered.session_key, ordered.driver_number, ordered.lap_number)) as progression_key,
  ordered.session_key,
  ordered.driver_number,
  ordered.team_name,
  ordered.lap_number,
  ordered.lap_end_at,
  round(((unix_micros(ordered.lap_end_at) - unix_micros(race_start.started_at)) / 1000000.0), 3) as elapsed_seconds,
  ordered.lap_duration,
  ordered.compound,
  ordered.tyre_age,
  ordered.is_pit_in_lap,
  ordered.is_pit_out_lap,
  ordered.position_at_lap,
  round(((unix_micros(ordered.lap_end_at) - unix_micros(ordered.leader_lap_end_at)) / 1000000.0), 3) as gap_to_leader_seconds,
  round(((unix_micros(ordered.lap_end_at) - unix_micros(ordered.car_ahead_lap_end_at)) / 1000000.0), 3) as interval_to_car_ahead_seconds,
  ordered.position_at_lap = 1 as is_leader,
  race_start.source_ingested_at
from ordered
left join race_start on race_start.session_key = ordered.session_key
