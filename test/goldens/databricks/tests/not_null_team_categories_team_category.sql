select team_category from `f1_prod`.`gold_analytics`.`team_categories` where team_category is null
