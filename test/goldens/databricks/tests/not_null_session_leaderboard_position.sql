select position from `f1_prod`.`gold_analytics`.`session_leaderboard` where position is null
