select valid_laps from `f1_prod`.`gold_analytics`.`fact_stints` where valid_laps is null
