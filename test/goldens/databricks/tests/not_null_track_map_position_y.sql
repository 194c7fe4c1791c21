select position_y from `f1_prod`.`gold_analytics`.`track_map` where position_y is null
