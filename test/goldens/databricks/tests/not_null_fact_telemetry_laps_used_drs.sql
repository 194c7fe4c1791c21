select used_drs from `f1_prod`.`gold_analytics`.`fact_telemetry_laps` where used_drs is null
