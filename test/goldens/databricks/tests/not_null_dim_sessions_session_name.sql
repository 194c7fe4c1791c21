select session_name from `f1_prod`.`gold_analytics`.`dim_sessions` where session_name is null
