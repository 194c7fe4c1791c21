select is_known from `f1_prod`.`gold_analytics`.`dim_sessions` where is_known is null
