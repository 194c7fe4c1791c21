select category from `f1_prod`.`silver_clean`.`silver_race_control` where category is null
