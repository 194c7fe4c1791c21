select team_performance_key from `f1_prod`.`gold_analytics`.`team_performance` where team_performance_key is null
