select date from `f1_prod`.`gold_analytics`.`track_map` where date is null
