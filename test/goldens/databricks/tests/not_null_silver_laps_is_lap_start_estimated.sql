select is_lap_start_estimated from `f1_prod`.`silver_clean`.`silver_laps` where is_lap_start_estimated is null
