select is_valid_lap from `f1_prod`.`silver_clean`.`silver_laps` where is_valid_lap is null
