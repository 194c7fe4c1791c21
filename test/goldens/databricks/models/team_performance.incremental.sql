with per_team as (

  select
    session_key,
    team_category,
    count(*) as drivers_count,
    min(fastest_lap_time) as team_fastest_lap,
    avg(fastest_lap_time) as team_avg_best_lap,
    max(fastest_lap_time) as team_slowest_best_lap,
    min_by(driver_number, fastest_lap_time) as fastest_driver_number,
    cast(sum(valid_laps) as bigint) as team_valid_laps,
    max(source_ingested_at) as source_ingested_at
  from `f1_prod`.`gold_analytics`.`session_leaderboard`
  
    where session_key in (
    with changed_sessions_watermark as (
      select coalesce(max(source_ingested_at), timestamp '1970-01-01 00:00:00+00') as watermark_at
      from `f1_prod`.`gold_analytics`.`team_performance`
    )
    select session_key from `f1_prod`.`gold_analytics`.`session_leaderboard`, changed_sessions_watermark where source_ingested_at > watermark_at
    
  )
  
  group by session_key, team_category

)

select
  md5(concat_ws('|', session_key, team_category)) as team_performance_key,
  session_key,
  team_category,
  drivers_count,
  team_fastest_lap,
  round(team_avg_best_lap, 3) as team_avg_best_lap,
  case when drivers_count > 1 then round(team_slowest_best_lap - team_fastest_lap, 3) end as intra_team_gap,
  fastest_driver_number,
  team_valid_laps,
  row_number() over (partition by session_key order by team_fastest_lap, team_category) as team_rank,
  round(team_fastest_lap - min(team_fastest_lap) over (partition by session_key), 3) as gap_to_fastest_team,
  max(source_ingested_at) over (partition by session_key) as source_ingested_at
from per_team
