select is_top_3 from `f1_prod`.`gold_analytics`.`session_leaderboard` where is_top_3 is null
