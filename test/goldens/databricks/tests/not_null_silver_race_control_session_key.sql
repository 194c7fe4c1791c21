select session_key from `f1_prod`.`silver_clean`.`silver_race_control` where session_key is null
