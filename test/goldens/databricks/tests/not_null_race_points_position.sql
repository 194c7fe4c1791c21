select position from `f1_prod`.`gold_analytics`.`race_points` where position is null
