select meeting_name from `f1_prod`.`gold_analytics`.`dim_sessions` where meeting_name is null
