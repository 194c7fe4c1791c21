select driver_number from `f1_prod`.`silver_clean`.`silver_car_data` where driver_number is null
