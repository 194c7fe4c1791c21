select session_key from `f1_prod`.`gold_analytics`.`fact_pit_stops` where session_key is null
