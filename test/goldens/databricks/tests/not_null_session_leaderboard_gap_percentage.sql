select gap_percentage from `f1_prod`.`gold_analytics`.`session_leaderboard` where gap_percentage is null
