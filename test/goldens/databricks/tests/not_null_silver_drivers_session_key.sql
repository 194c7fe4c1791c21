select session_key from `f1_prod`.`silver_clean`.`silver_drivers` where session_key is null
