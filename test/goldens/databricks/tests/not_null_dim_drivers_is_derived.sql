select is_derived from `f1_prod`.`gold_analytics`.`dim_drivers` where is_derived is null
