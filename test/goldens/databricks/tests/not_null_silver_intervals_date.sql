select date from `f1_prod`.`silver_clean`.`silver_intervals` where date is null
