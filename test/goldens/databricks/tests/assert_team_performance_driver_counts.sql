-- team_performance.drivers_count equals the team's drivers in the leaderboard, and no team has
-- more drivers than race seats allow in one session (original design). Returns offending teams.
with counted as (
  select session_key, team_category, count(distinct driver_number) as drivers
  from `f1_prod`.`gold_analytics`.`session_leaderboard`
  group by session_key, team_category
)
select teams.session_key, teams.team_category, teams.drivers_count, counted.drivers
from `f1_prod`.`gold_analytics`.`team_performance` as teams
left join counted
  on counted.session_key = teams.session_key
  and counted.team_category = teams.team_category
where counted.drivers is distinct from teams.drivers_count
   or (teams.team_category <> 'Unknown' and teams.drivers_count > 3)
