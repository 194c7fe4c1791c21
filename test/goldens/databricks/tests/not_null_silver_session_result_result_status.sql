select result_status from `f1_prod`.`silver_clean`.`silver_session_result` where result_status is null
