with laps as (

  select session_key, driver_number, lap_number, lap_start_at, lap_end_at, source_ingested_at
  from `f1_prod`.`gold_analytics`.`fact_laps`
  where lap_start_at is not null and lap_end_at is not null
  
    and session_key in (
    with changed_sessions_watermark as (
      select coalesce(max(source_ingested_at), timestamp '1970-01-01 00:00:00+00') as watermark_at
      from `f1_prod`.`gold_analytics`.`fact_telemetry_laps`
    )
    select session_key from `f1_prod`.`silver_clean`.`silver_car_data`, changed_sessions_watermark where ingested_at > watermark_at
    union
    select session_key from `f1_prod`.`silver_clean`.`silver_laps`, changed_sessions_watermark where ingested_at > watermark_at
    
  )
  

),

samples as (

  select car.*
  from `f1_prod`.`silver_clean`.`silver_car_data` as car
  where car.session_key in (select session_key from laps)

),

attributed as (

  select
    laps.session_key,
    laps.driver_number,
    laps.lap_number,
    laps.source_ingested_at,
    samples.date,
    samples.speed,
    samples.rpm,
    samples.n_gear,
    samples.throttle,
    samples.is_braking,
    samples.is_drs_open,
    samples.ingested_at
  from samples
  join laps
    on laps.session_key = samples.session_key
    and laps.driver_number = samples.driver_number
    and samples.date >= laps.lap_start_at
  where samples.date < laps.lap_end_at
  qualify row_number() over (partition by samples.session_key, samples.driver_number, samples.date order by laps.lap_start_at desc) = 1

),

sequenced as (

  select
    *,
    lag(is_drs_open) over (partition by session_key, driver_number order by date) as was_drs_open,
    lag(n_gear) over (partition by session_key, driver_number order by date) as previous_gear
  from attributed

)

select
  session_key,
  driver_number,
  lap_number,
  count(*) as samples,
  max(speed) as top_speed,
  round(avg(speed), 1) as avg_speed,
  min(speed) as min_speed,
  round(avg(throttle), 1) as mean_throttle,
  round(100.0 * count(*) filter (where throttle >= 98) / nullif(count(throttle), 0), 1)
    as full_throttle_pct,
  round(100.0 * count(*) filter (where is_braking) / nullif(count(is_braking), 0), 1) as braking_pct,
  round(100.0 * count(*) filter (where is_drs_open) / count(*), 1) as drs_open_pct,
  count(*) filter (where is_drs_open and not coalesce(was_drs_open, false)) as drs_activations,
  coalesce(bool_or(is_drs_open), false) as used_drs,
  max(rpm) as max_rpm,
  max(n_gear) as max_gear,
  count(*) filter (where n_gear <> previous_gear) as gear_changes,
  greatest(max(source_ingested_at), max(ingested_at)) as source_ingested_at
from sequenced
group by session_key, driver_number, lap_number
