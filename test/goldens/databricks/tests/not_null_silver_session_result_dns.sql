select dns from `f1_prod`.`silver_clean`.`silver_session_result` where dns is null
