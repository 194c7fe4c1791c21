select session_key from `f1_prod`.`gold_analytics`.`team_performance` where session_key is null
