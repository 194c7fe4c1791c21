select samples from `f1_prod`.`gold_analytics`.`fact_telemetry_laps` where samples is null
