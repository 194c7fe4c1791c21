select point_index from `f1_prod`.`gold_analytics`.`track_map` where point_index is null
