select year from `f1_prod`.`silver_clean`.`silver_sessions` where year is null
