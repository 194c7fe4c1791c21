select is_drs_open from `f1_prod`.`silver_clean`.`silver_car_data` where is_drs_open is null
