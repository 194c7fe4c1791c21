select meeting_key from `f1_prod`.`silver_clean`.`silver_sessions` where meeting_key is null
