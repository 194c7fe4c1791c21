select fastest_lap_time from `f1_prod`.`gold_analytics`.`session_leaderboard` where fastest_lap_time is null
