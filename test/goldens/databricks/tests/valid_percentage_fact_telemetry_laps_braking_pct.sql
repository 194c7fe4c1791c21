select *
from `f1_prod`.`gold_analytics`.`fact_telemetry_laps`
where braking_pct < 0
   or braking_pct > 100
