select race_points from `f1_prod`.`gold_analytics`.`race_points` where race_points is null
