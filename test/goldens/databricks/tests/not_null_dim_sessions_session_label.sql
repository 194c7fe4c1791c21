select session_label from `f1_prod`.`gold_analytics`.`dim_sessions` where session_label is null
