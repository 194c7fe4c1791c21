select stop_number from `f1_prod`.`gold_analytics`.`fact_pit_stops` where stop_number is null
