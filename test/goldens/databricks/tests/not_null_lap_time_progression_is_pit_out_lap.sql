select is_pit_out_lap from `f1_prod`.`gold_analytics`.`lap_time_progression` where is_pit_out_lap is null
