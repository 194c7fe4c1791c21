select session_key from `f1_prod`.`silver_clean`.`silver_stints` where session_key is null
