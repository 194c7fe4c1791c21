select drivers_count from `f1_prod`.`gold_analytics`.`team_performance` where drivers_count is null
