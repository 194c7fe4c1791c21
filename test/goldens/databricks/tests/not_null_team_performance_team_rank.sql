select team_rank from `f1_prod`.`gold_analytics`.`team_performance` where team_rank is null
