select is_pit_out_lap from `f1_prod`.`gold_analytics`.`fact_laps` where is_pit_out_lap is null
