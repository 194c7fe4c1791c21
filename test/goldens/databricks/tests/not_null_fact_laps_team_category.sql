select team_category from `f1_prod`.`gold_analytics`.`fact_laps` where team_category is null
