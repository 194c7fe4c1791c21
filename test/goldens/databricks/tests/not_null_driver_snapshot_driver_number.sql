select driver_number from `f1_prod`.`gold_analytics`.`driver_snapshot` where driver_number is null
