select position_y from `f1_prod`.`silver_clean`.`silver_locations` where position_y is null
