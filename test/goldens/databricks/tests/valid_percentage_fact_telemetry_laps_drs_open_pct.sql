select *
from `f1_prod`.`gold_analytics`.`fact_telemetry_laps`
where drs_open_pct < 0
   or drs_open_pct > 100
