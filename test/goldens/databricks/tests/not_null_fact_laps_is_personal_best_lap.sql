select is_personal_best_lap from `f1_prod`.`gold_analytics`.`fact_laps` where is_personal_best_lap is null
