select driver_number from `f1_prod`.`silver_clean`.`silver_session_result` where driver_number is null
