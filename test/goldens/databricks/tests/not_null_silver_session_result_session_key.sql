select session_key from `f1_prod`.`silver_clean`.`silver_session_result` where session_key is null
