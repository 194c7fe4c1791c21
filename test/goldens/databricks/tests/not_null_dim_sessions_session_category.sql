select session_category from `f1_prod`.`gold_analytics`.`dim_sessions` where session_category is null
