select is_new_tyre from `f1_prod`.`gold_analytics`.`fact_stints` where is_new_tyre is null
