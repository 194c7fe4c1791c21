select *
from `f1_prod`.`gold_analytics`.`fact_telemetry_laps`
where full_throttle_pct < 0
   or full_throttle_pct > 100
