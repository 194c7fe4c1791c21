select driver_number from `f1_prod`.`gold_analytics`.`fact_laps` where driver_number is null
