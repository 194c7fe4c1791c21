-- The fastest lap is the same everywhere (original design): leaderboard P1, the fact_laps session
-- rank 1 lap, team_performance's best team lap and the summary's best. Returns sessions where
-- they differ.
with leaderboard as (
  select session_key, fastest_lap_time, driver_number
  from `f1_prod`.`gold_analytics`.`session_leaderboard`
  where position = 1
),
laps as (
  select session_key, min(lap_duration) as fastest_lap_time
  from `f1_prod`.`gold_analytics`.`fact_laps`
  where session_lap_time_rank = 1
  group by session_key
),
teams as (
  select session_key, min(team_fastest_lap) as fastest_lap_time
  from `f1_prod`.`gold_analytics`.`team_performance`
  group by session_key
),
summary as (
  select session_key, min(fastest_lap_time) as fastest_lap_time
  from `f1_prod`.`gold_analytics`.`driver_session_summary`
  group by session_key
)
select laps.session_key
from laps
left join leaderboard on leaderboard.session_key = laps.session_key
left join teams on teams.session_key = laps.session_key
left join summary on summary.session_key = laps.session_key
where leaderboard.fastest_lap_time is distinct from laps.fastest_lap_time
   or teams.fastest_lap_time is distinct from laps.fastest_lap_time
   or summary.fastest_lap_time is distinct from laps.fastest_lap_time
