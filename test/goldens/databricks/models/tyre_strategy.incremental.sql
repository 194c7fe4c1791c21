with stints as (

  select * from `f1_prod`.`gold_analytics`.`fact_stints`
  
    where session_key in (
    with changed_sessions_watermark as (
      select coalesce(max(source_ingested_at), timestamp '1970-01-01 00:00:00+00') as watermark_at
      from `f1_prod`.`gold_analytics`.`tyre_strategy`
    )
    select session_key from `f1_prod`.`silver_clean`.`silver_drivers`, changed_sessions_watermark where ingested_at > watermark_at
    union
    select session_key from `f1_prod`.`gold_analytics`.`fact_stints`, changed_sessions_watermark where source_ingested_at > watermark_at
    union
    select session_key from `f1_prod`.`gold_analytics`.`race_results`, changed_sessions_watermark where source_ingested_at > watermark_at
    union
    select session_key from `f1_prod`.`gold_analytics`.`session_leaderboard`, changed_sessions_watermark where source_ingested_at > watermark_at
    
  )
  

),

results as (

  select session_key, driver_number, position, source_ingested_at from `f1_prod`.`gold_analytics`.`race_results`
  where session_key in (select session_key from stints)

),

board as (

  select session_key, driver_number, position, source_ingested_at from `f1_prod`.`gold_analytics`.`session_leaderboard`
  where session_key in (select session_key from stints)

),

drivers as (

  select * from `f1_prod`.`silver_clean`.`silver_drivers`
  where session_key in (select session_key from stints)

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
