select team_category from `f1_prod`.`gold_analytics`.`session_leaderboard` where team_category is null
