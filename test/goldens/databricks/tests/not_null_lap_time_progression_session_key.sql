select session_key from `f1_prod`.`gold_analytics`.`lap_time_progression` where session_key is null
