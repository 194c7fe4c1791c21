select delta_to_fastest from `f1_prod`.`gold_analytics`.`session_leaderboard` where delta_to_fastest is null
