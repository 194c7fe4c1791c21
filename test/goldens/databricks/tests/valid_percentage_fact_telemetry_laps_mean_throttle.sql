select *
from `f1_prod`.`gold_analytics`.`fact_telemetry_laps`
where mean_throttle < 0
   or mean_throttle > 100
