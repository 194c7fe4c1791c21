select driver_number from `f1_prod`.`gold_analytics`.`fact_pit_stops` where driver_number is null
