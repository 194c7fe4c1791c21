select fastest_lap_number from `f1_prod`.`gold_analytics`.`session_leaderboard` where fastest_lap_number is null
