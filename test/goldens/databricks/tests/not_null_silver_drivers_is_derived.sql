select is_derived from `f1_prod`.`silver_clean`.`silver_drivers` where is_derived is null
