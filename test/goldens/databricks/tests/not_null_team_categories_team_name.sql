select team_name from `f1_prod`.`gold_analytics`.`team_categories` where team_name is null
