select team_category from `f1_prod`.`gold_analytics`.`team_performance` where team_category is null
