select full_name from `f1_prod`.`silver_clean`.`silver_drivers` where full_name is null
