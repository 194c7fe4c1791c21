select date from `f1_prod`.`silver_clean`.`silver_weather` where date is null
