select is_cancelled from `f1_prod`.`gold_analytics`.`dim_sessions` where is_cancelled is null
