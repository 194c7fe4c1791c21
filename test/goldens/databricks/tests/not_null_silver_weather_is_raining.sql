select is_raining from `f1_prod`.`silver_clean`.`silver_weather` where is_raining is null
