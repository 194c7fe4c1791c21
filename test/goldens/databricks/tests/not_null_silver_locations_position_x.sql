select position_x from `f1_prod`.`silver_clean`.`silver_locations` where position_x is null
