select *
from `f1_prod`.`gold_analytics`.`session_leaderboard`
where fastest_lap_time < 50
   or fastest_lap_time > 180
