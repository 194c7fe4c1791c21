select lap_number from `f1_prod`.`gold_analytics`.`track_map` where lap_number is null
