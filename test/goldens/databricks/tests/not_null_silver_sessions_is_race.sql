select is_race from `f1_prod`.`silver_clean`.`silver_sessions` where is_race is null
