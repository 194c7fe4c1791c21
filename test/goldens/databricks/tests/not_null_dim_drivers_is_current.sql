select is_current from `f1_prod`.`gold_analytics`.`dim_drivers` where is_current is null
