select date_start from `f1_prod`.`silver_clean`.`silver_sessions` where date_start is null
