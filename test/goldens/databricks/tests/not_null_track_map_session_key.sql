select session_key from `f1_prod`.`gold_analytics`.`track_map` where session_key is null
