select lap_number from `f1_prod`.`gold_analytics`.`fact_laps` where lap_number is null
