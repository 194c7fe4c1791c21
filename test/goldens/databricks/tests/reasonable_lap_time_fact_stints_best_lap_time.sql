select *
from `f1_prod`.`gold_analytics`.`fact_stints`
where best_lap_time < 50
   or best_lap_time > 240
