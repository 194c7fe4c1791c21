select date from `f1_prod`.`silver_clean`.`silver_position` where date is null
