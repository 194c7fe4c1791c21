select session_key from `f1_prod`.`gold_analytics`.`fact_stints` where session_key is null
