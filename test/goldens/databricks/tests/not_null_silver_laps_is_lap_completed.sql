select is_lap_completed from `f1_prod`.`silver_clean`.`silver_laps` where is_lap_completed is null
