select is_lap_completed from `f1_prod`.`gold_analytics`.`fact_laps` where is_lap_completed is null
