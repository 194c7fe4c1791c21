select driver_number from `f1_prod`.`gold_analytics`.`lap_time_progression` where driver_number is null
