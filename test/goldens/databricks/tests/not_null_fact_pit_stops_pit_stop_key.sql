select pit_stop_key from `f1_prod`.`gold_analytics`.`fact_pit_stops` where pit_stop_key is null
