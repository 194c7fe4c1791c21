select is_new_tyre from `f1_prod`.`gold_analytics`.`tyre_strategy` where is_new_tyre is null
