select *
from `f1_prod`.`gold_analytics`.`fact_stints`
where avg_lap_time < 50
   or avg_lap_time > 240
