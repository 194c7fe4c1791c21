select session_key from `f1_prod`.`gold_analytics`.`driver_session_summary` where session_key is null
