select valid_from from `f1_prod`.`gold_analytics`.`dim_drivers` where valid_from is null
