select lap_number from `f1_prod`.`silver_clean`.`silver_laps` where lap_number is null
