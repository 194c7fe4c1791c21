select is_top_10 from `f1_prod`.`gold_analytics`.`session_leaderboard` where is_top_10 is null
