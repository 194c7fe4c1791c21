select driver_number from `f1_prod`.`gold_analytics`.`fact_stints` where driver_number is null
