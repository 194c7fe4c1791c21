select driver_number from `f1_prod`.`gold_analytics`.`dim_drivers` where driver_number is null
