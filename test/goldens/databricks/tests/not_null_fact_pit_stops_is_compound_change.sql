select is_compound_change from `f1_prod`.`gold_analytics`.`fact_pit_stops` where is_compound_change is null
