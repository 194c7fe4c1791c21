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
  One row per lap with car telemetry: each car_data sample is attributed to the lap whose window
  [lap_start_at, lap_end_at) holds it (an ASOF join on the lap start; car_data and laps have
  separate clocks, API.md §4), then aggregated: top / average speed, mean throttle, full-throttle
  share, braking share, DRS use, rpm and gears. Rebuilt per changed session.
#}

with laps as (

  select session_key, driver_number, lap_number, lap_start_at, lap_end_at, source_ingested_at
  from {{ ref('fact_laps') }}
  where lap_start_at is not null and lap_end_at is not null
  {% if is_incremental() %}
{%- set changed = changed_sessions(this, [ref('silver_car_data'), ref('silver_laps')]) %}
    and session_key in {{ changed }}
  {% endif %}

),

samples as (

  select car.*
  from {{ ref('silver_car_data') }} as car
  where car.session_key in (select session_key from laps){{ also_in_sessions('car.session_key', changed) }}

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
  {{ asof_join('laps') }}
    on laps.session_key = samples.session_key
    and laps.driver_number = samples.driver_number
    and samples.date >= laps.lap_start_at
  where samples.date < laps.lap_end_at{{ asof_pick('samples', ['session_key', 'driver_number', 'date'], 'laps.lap_start_at') }}

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
  round(100.0 * count(*) filter (where throttle >= {{ var('full_throttle_threshold', 98) }}) / nullif(count(throttle), 0), 1)
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
