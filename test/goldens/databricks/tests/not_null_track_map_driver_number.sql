select driver_number from `f1_prod`.`gold_analytics`.`track_map` where driver_number is null
