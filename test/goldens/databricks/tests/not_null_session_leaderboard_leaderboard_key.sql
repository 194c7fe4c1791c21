select leaderboard_key from `f1_prod`.`gold_analytics`.`session_leaderboard` where leaderboard_key is null
