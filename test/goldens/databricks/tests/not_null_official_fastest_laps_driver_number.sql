select driver_number from `f1_prod`.`gold_analytics`.`official_fastest_laps` where driver_number is null
