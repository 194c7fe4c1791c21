select lap_number from `f1_prod`.`silver_clean`.`silver_pit` where lap_number is null
