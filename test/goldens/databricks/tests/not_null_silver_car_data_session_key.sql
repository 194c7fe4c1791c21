select session_key from `f1_prod`.`silver_clean`.`silver_car_data` where session_key is null
