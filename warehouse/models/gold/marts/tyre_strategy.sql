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
  One row per stint, ready for the strategy (Gantt) chart: the driver's finishing order in races
  (else their leaderboard position), compound and colour, the laps the stint covers, its share of
  the driver's race, and pace and degradation on it. Rebuilt per changed session.
#}

with stints as (

  select * from {{ ref('fact_stints') }}
  {% if is_incremental() %}
{%- set changed = changed_sessions(this, [ref('silver_drivers')], [ref('fact_stints'), ref('race_results'), ref('session_leaderboard')]) %}
    where session_key in {{ changed }}
  {% endif %}

),

results as (

  select session_key, driver_number, position, source_ingested_at from {{ ref('race_results') }}
  where session_key in (select session_key from stints){{ also_in_sessions('session_key', changed) }}

),

board as (

  select session_key, driver_number, position, source_ingested_at from {{ ref('session_leaderboard') }}
  where session_key in (select session_key from stints){{ also_in_sessions('session_key', changed) }}

),

drivers as (

  select * from {{ ref('silver_drivers') }}
  where session_key in (select session_key from stints){{ also_in_sessions('session_key', changed) }}

),

ordering as (

  select session_key, driver_number, position as display_order
  from results
  union all
  select board.session_key, board.driver_number, board.position
  from board
  where board.session_key not in (select session_key from results)

),

totals as (

  select session_key, driver_number, sum(stint_laps) as driver_total_laps, max(stint_number) as last_stint
  from stints
  group by all

),

watermarks as (

  select session_key, max(ingested_at) as ingested_at from (
    select session_key, source_ingested_at as ingested_at from stints
    union all
    select session_key, source_ingested_at from results
    union all
    select session_key, source_ingested_at from board
    union all
    select session_key, ingested_at from drivers
  )
  group by session_key

)

select
  stints.stint_key,
  stints.session_key,
  stints.driver_number,
  drivers.name_acronym,
  stints.team_name,
  ordering.display_order,
  stints.stint_number,
  stints.compound,
  stints.compound_colour,
  stints.lap_start,
  stints.lap_end,
  stints.stint_laps,
  stints.tyre_age_at_start,
  stints.tyre_age_at_end,
  stints.is_new_tyre,
  round(100.0 * stints.stint_laps / nullif(totals.driver_total_laps, 0), 1) as share_of_laps_pct,
  stints.stint_number = totals.last_stint as is_final_stint,
  stints.avg_lap_time,
  stints.best_lap_time,
  stints.degradation_per_lap,
  watermarks.ingested_at as source_ingested_at
from stints
left join totals
  on totals.session_key = stints.session_key and totals.driver_number = stints.driver_number
left join ordering
  on ordering.session_key = stints.session_key and ordering.driver_number = stints.driver_number
left join drivers
  on drivers.session_key = stints.session_key and drivers.driver_number = stints.driver_number
left join watermarks
  on watermarks.session_key = stints.session_key
