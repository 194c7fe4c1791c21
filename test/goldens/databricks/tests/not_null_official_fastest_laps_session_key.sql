select session_key from `f1_prod`.`gold_analytics`.`official_fastest_laps` where session_key is null
