{{
  config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='session_key',
    partition_by=['session_key'],
    on_schema_change='append_new_columns'
  )
}}

{#
  One row per point of one representative lap per driver and session (the driver's fastest valid
  lap): the car's x/y/z from /location inside the lap's window, with the speed, gear and throttle
  of the latest car_data sample at or before it (ASOF join: the two feeds have separate clocks).
  progress runs 0 → 1 through the lap. Rebuilt per changed session.
#}

with representative as (

  select session_key, driver_number, lap_number, lap_start_at, lap_end_at, lap_duration, source_ingested_at
  from {{ ref('fact_laps') }}
  where is_personal_best_lap and lap_start_at is not null and lap_end_at is not null
  {% if is_incremental() %}
{%- set changed = changed_sessions(this, [ref('silver_locations'), ref('silver_car_data'), ref('silver_laps')]) %}
    and session_key in {{ changed }}
  {% endif %}
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
  from {{ ref('silver_locations') }} as locations
  join representative
    on representative.session_key = locations.session_key
    and representative.driver_number = locations.driver_number
    and locations.date >= representative.lap_start_at
    and locations.date < representative.lap_end_at{{ also_in_sessions('locations.session_key', changed) }}

),

car as (

  select session_key, driver_number, date, speed, n_gear, throttle, is_braking, ingested_at as car_ingested_at
  from {{ ref('silver_car_data') }}
  where session_key in (select session_key from representative){{ also_in_sessions('session_key', changed) }}

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
  {{ asof_join('car', left=true) }}
    on car.session_key = points.session_key
    and car.driver_number = points.driver_number
    and car.date <= points.date{{ asof_pick('points', ['session_key', 'driver_number', 'date'], 'car.date') }}

)

select
  session_key,
  driver_number,
  lap_number,
  cast(row_number() over (partition by session_key, driver_number order by date) as integer) as point_index,
  date,
  round(least(greatest({{ seconds_between('lap_start_at', 'date') }} / lap_duration, 0), 1), 4) as progress,
  position_x,
  position_y,
  position_z,
  speed,
  n_gear,
  throttle,
  is_braking,
  greatest(source_ingested_at, ingested_at, car_ingested_at) as source_ingested_at
from with_speed
