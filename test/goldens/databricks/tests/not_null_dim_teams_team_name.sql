select team_name from `f1_prod`.`gold_analytics`.`dim_teams` where team_name is null
