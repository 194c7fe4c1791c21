select is_personal_best_so_far from `f1_prod`.`gold_analytics`.`fact_laps` where is_personal_best_so_far is null
