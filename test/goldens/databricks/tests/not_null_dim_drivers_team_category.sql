select team_category from `f1_prod`.`gold_analytics`.`dim_drivers` where team_category is null
