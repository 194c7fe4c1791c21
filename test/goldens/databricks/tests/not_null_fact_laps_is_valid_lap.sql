select is_valid_lap from `f1_prod`.`gold_analytics`.`fact_laps` where is_valid_lap is null
