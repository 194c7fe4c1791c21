select date from `f1_prod`.`silver_clean`.`silver_car_data` where date is null
