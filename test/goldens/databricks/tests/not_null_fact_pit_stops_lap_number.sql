select lap_number from `f1_prod`.`gold_analytics`.`fact_pit_stops` where lap_number is null
