select team_name from `f1_prod`.`gold_analytics`.`fact_laps` where team_name is null
