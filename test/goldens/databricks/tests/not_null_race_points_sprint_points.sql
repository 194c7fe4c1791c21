select sprint_points from `f1_prod`.`gold_analytics`.`race_points` where sprint_points is null
