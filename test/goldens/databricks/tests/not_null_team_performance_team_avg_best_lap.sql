select team_avg_best_lap from `f1_prod`.`gold_analytics`.`team_performance` where team_avg_best_lap is null
