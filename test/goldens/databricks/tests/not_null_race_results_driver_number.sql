select driver_number from `f1_prod`.`gold_analytics`.`race_results` where driver_number is null
