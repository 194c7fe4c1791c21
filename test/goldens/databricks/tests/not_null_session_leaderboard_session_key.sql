select session_key from `f1_prod`.`gold_analytics`.`session_leaderboard` where session_key is null
