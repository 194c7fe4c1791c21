select session_name from `f1_prod`.`silver_clean`.`silver_sessions` where session_name is null
