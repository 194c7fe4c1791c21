select is_fastest_in_team from `f1_prod`.`gold_analytics`.`session_leaderboard` where is_fastest_in_team is null
