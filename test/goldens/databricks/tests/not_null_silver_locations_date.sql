select date from `f1_prod`.`silver_clean`.`silver_locations` where date is null
