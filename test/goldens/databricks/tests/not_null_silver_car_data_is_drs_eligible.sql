select is_drs_eligible from `f1_prod`.`silver_clean`.`silver_car_data` where is_drs_eligible is null
