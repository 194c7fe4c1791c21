select *
from `f1_prod`.`gold_analytics`.`team_performance`
where team_fastest_lap < 50
   or team_fastest_lap > 180
