select dsq from `f1_prod`.`silver_clean`.`silver_session_result` where dsq is null
