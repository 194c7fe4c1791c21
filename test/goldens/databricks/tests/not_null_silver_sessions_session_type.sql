select session_type from `f1_prod`.`silver_clean`.`silver_sessions` where session_type is null
