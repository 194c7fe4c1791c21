select *
from `f1_prod`.`gold_analytics`.`session_leaderboard`
where gap_percentage < 0
   or gap_percentage > 100
