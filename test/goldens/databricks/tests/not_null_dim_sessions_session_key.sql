select session_key from `f1_prod`.`gold_analytics`.`dim_sessions` where session_key is null
