with representative as (

  select session_key, driver_number, lap_number, lap_start_at, lap_end_at, lap_duration, source_ingested_at
  from `f1_prod`.`gold_analytics`.`fact_laps`
  where is_personal_best_lap and lap_start_at is not null and lap_end_at is not null
  
    and session_key in (
    with changed_sessions_watermark as (
      select coalesce(max(source_ingested_at), timestamp '1970-01-01 00:00:00+00') as watermark_at
      from `f1_prod`.`gold_analytics`.`track_map`
    )
    select session_key from `f1_prod`.`silver_clean`.`silver_locations`, changed_sessions_watermark where ingested_at > watermark_at
    union
    select session_key from `f1_prod`.`silver_clean`.`silver_car_data`, changed_sessions_watermark where ingested_at > watermark_at
    union
    select session_key from `f1_prod`.`silver_clean`.`silver_laps`, changed_sessions_watermark where ingested_at > watermark_at
    
  )
  
  qualify row_number() over (partition by session_key, driver_number order by lap_number) = 1

),

points as (

  select
    representative.session_key,
    representative.driver_number,
    representative.lap_number,
    representative.lap_start_at,
    representative.lap_duration,
    representative.source_ingested_at,
    locations.date,
    locations.position_x,
    locations.position_y,
    locations.position_z,
    locations.ingested_at
  from `f1_prod`.`silver_clean`.`silver_locations` as locations
  join representative
    on representative.session_key = locations.session_key
    and representative.driver_number = locations.driver_number
    and locations.date >= representative.lap_start_at
    and locations.date < representative.lap_end_at

),

car as (

  select session_key, driver_number, date, speed, n_gear, throttle, is_braking, ingested_at as car_ingested_at
  from `f1_prod`.`silver_clean`.`silver_car_data`
  where session_key in (select session_key from representative)

),

with_speed as (

  select
    points.*,
    car.speed,
    car.n_gear,
    car.throttle,
    car.is_braking,
    car.car_ingested_at
  from points
  left join car
    on car.session_key = points.session_key
    and car.driver_number = points.driver_number
    and car.date <= points.date
  qualify row_number() over (partition by points.session_key, points.driver_number, points.date order by car.date desc) = 1

)

select
  session_key,
  driver_number,
  lap_number,
  cast(row_number() over (partition by session_key, driver_number order by date) as integer) as point_index,
  date,
  round(least(greatest(((unix_micros(date) - unix_micros(lap_start_at)) / 1000000.0) / lap_duration, 0), 1), 4) as progress,
  position_x,
  position_y,
  position_z,
  speed,
  n_gear,
  throttle,
  is_braking,
  greatest(source_ingested_at, ingested_at, car_ingested_at) as source_ingested_at
from with_speed
