select session_type from `f1_prod`.`gold_analytics`.`dim_sessions` where session_type is null
