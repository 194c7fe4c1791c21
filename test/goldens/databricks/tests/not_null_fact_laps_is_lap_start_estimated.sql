select is_lap_start_estimated from `f1_prod`.`gold_analytics`.`fact_laps` where is_lap_start_estimated is null
