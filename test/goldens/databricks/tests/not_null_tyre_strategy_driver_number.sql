select driver_number from `f1_prod`.`gold_analytics`.`tyre_strategy` where driver_number is null
