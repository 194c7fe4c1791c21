select laps_recorded from `f1_prod`.`gold_analytics`.`fact_stints` where laps_recorded is null
