select has_fastest_lap from `f1_prod`.`gold_analytics`.`race_results` where has_fastest_lap is null
