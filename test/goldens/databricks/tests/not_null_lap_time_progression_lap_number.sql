select lap_number from `f1_prod`.`gold_analytics`.`lap_time_progression` where lap_number is null
