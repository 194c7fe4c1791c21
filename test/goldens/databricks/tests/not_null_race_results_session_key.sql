select session_key from `f1_prod`.`gold_analytics`.`race_results` where session_key is null
