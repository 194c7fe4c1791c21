select session_key from `f1_prod`.`gold_analytics`.`fact_laps` where session_key is null
