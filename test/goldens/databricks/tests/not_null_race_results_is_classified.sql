select is_classified from `f1_prod`.`gold_analytics`.`race_results` where is_classified is null
