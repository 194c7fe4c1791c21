select message from `f1_prod`.`silver_clean`.`silver_race_control` where message is null
