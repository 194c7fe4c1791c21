select is_pit_in_lap from `f1_prod`.`gold_analytics`.`fact_laps` where is_pit_in_lap is null
