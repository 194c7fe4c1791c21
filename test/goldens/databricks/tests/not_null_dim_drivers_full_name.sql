select full_name from `f1_prod`.`gold_analytics`.`dim_drivers` where full_name is null
