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
  One row per (session_key, driver_number) with at least one valid lap: the original design's
  leaderboard of fastest laps. position 1 = the session's fastest lap; delta_to_fastest and
  gap_percentage against it; is_top_3 / is_top_10; is_fastest_in_team. Rebuilt per changed
  session.
#}

with laps as (

  select * from {{ ref('fact_laps') }}
  {% if is_incremental() %}
{%- set changed = changed_sessions(this, [ref('silver_drivers')], [ref('fact_laps')]) %}
    where session_key in {{ changed }}
  {% endif %}

),

drivers as (

  select * from {{ ref('silver_drivers') }}
  where session_key in (select session_key from laps){{ also_in_sessions('session_key', changed) }}

),

best as (

  select
    session_key,
    driver_number,
    team_name,
    team_category,
    min(lap_duration) as fastest_lap_time,
    {{ value_at_min('lap_number', 'lap_duration') }} as fastest_lap_number,
    {{ value_at_min('compound', 'lap_duration') }} as fastest_lap_compound,
    count(*) as valid_laps
  from laps
  where is_valid_lap
  group by all

),

watermarks as (

  select session_key, max(ingested_at) as ingested_at from (
    select session_key, source_ingested_at as ingested_at from laps
    union all
    select session_key, ingested_at from drivers
  )
  group by session_key

),

positioned as (

  select
    *,
    row_number() over (partition by session_key order by fastest_lap_time, fastest_lap_number, driver_number) as position,
    min(fastest_lap_time) over (partition by session_key) as session_fastest_lap_time,
    row_number() over (
      partition by session_key, team_category order by fastest_lap_time, driver_number
    ) as position_in_team
  from best

)

select
  md5(concat_ws('|', positioned.session_key, positioned.driver_number)) as leaderboard_key,
  positioned.session_key,
  positioned.driver_number,
  drivers.full_name,
  drivers.name_acronym,
  positioned.team_name,
  positioned.team_category,
  drivers.team_colour,
  positioned.position,
  positioned.fastest_lap_time,
  positioned.fastest_lap_number,
  positioned.fastest_lap_compound,
  positioned.valid_laps,
  round(positioned.fastest_lap_time - positioned.session_fastest_lap_time, 3) as delta_to_fastest,
  round(
    100.0 * (positioned.fastest_lap_time - positioned.session_fastest_lap_time) / positioned.session_fastest_lap_time, 3
  ) as gap_percentage,
  round(
    positioned.fastest_lap_time
      - lag(positioned.fastest_lap_time) over (partition by positioned.session_key order by positioned.position),
    3
  ) as gap_to_car_ahead,
  positioned.position <= 3 as is_top_3,
  positioned.position <= 10 as is_top_10,
  positioned.position_in_team = 1 as is_fastest_in_team,
  watermarks.ingested_at as source_ingested_at
from positioned
left join drivers
  on drivers.session_key = positioned.session_key
  and drivers.driver_number = positioned.driver_number
left join watermarks
  on watermarks.session_key = positioned.session_key
