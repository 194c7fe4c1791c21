select lap_key from `f1_prod`.`gold_analytics`.`fact_laps` where lap_key is null
