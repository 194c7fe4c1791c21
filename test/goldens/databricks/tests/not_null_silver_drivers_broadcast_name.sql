select broadcast_name from `f1_prod`.`silver_clean`.`silver_drivers` where broadcast_name is null
