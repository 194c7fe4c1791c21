select team_name from `f1_prod`.`gold_analytics`.`dim_drivers` where team_name is null
