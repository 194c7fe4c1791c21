select laps_completed from `f1_prod`.`gold_analytics`.`race_results` where laps_completed is null
