select position_x from `f1_prod`.`gold_analytics`.`track_map` where position_x is null
