select lap_number from `f1_prod`.`gold_analytics`.`fact_telemetry_laps` where lap_number is null
