select lap_end_at from `f1_prod`.`gold_analytics`.`lap_time_progression` where lap_end_at is null
