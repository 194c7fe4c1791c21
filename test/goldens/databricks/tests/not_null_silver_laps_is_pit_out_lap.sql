select is_pit_out_lap from `f1_prod`.`silver_clean`.`silver_laps` where is_pit_out_lap is null
