select team_valid_laps from `f1_prod`.`gold_analytics`.`team_performance` where team_valid_laps is null
