{{ config(materialized='table') }}

{#
  One row per stint, ready for the strategy (Gantt) chart: the driver's finishing order in races
  (else their leaderboard position), compound and colour, the laps the stint covers, its share of
  the driver's race, and pace and degradation on it.
#}

with ordering as (

  select session_key, driver_number, position as display_order
  from {{ ref('race_results') }}
  union all
  select board.session_key, board.driver_number, board.position
  from {{ ref('session_leaderboard') }} as board
  where board.session_key not in (select session_key from {{ ref('race_results') }})

),

totals as (

  select session_key, driver_number, sum(stint_laps) as driver_total_laps, max(stint_number) as last_stint
  from {{ ref('fact_stints') }}
  group by all

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
  stints.degradation_per_lap
from {{ ref('fact_stints') }} as stints
left join totals
  on totals.session_key = stints.session_key and totals.driver_number = stints.driver_number
left join ordering
  on ordering.session_key = stints.session_key and ordering.driver_number = stints.driver_number
left join {{ ref('silver_drivers') }} as drivers
  on drivers.session_key = stints.session_key and drivers.driver_number = stints.driver_number
