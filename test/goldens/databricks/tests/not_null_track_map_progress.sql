select progress from `f1_prod`.`gold_analytics`.`track_map` where progress is null
