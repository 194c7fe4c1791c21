select session_key from `f1_prod`.`silver_clean`.`silver_weather` where session_key is null
