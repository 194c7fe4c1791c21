select session_key from `f1_prod`.`gold_analytics`.`session_snapshot` where session_key is null
