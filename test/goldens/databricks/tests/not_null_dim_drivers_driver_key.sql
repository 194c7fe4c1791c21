select driver_key from `f1_prod`.`gold_analytics`.`dim_drivers` where driver_key is null
