select team_fastest_lap from `f1_prod`.`gold_analytics`.`team_performance` where team_fastest_lap is null
