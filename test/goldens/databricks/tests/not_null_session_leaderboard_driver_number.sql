select driver_number from `f1_prod`.`gold_analytics`.`session_leaderboard` where driver_number is null
