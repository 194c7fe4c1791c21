select driver_number from `f1_prod`.`gold_analytics`.`official_podiums` where driver_number is null
