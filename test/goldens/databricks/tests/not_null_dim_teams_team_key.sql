select team_key from `f1_prod`.`gold_analytics`.`dim_teams` where team_key is null
