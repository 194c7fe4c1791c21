select laps_behind from `f1_prod`.`gold_analytics`.`race_results` where laps_behind is null
