select stint_number from `f1_prod`.`silver_clean`.`silver_stints` where stint_number is null
