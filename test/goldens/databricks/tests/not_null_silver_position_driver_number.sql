select driver_number from `f1_prod`.`silver_clean`.`silver_position` where driver_number is null
