select is_race from `f1_prod`.`gold_analytics`.`dim_sessions` where is_race is null
