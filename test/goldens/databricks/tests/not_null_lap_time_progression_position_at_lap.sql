select position_at_lap from `f1_prod`.`gold_analytics`.`lap_time_progression` where position_at_lap is null
