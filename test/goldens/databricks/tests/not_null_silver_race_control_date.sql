select date from `f1_prod`.`silver_clean`.`silver_race_control` where date is null
