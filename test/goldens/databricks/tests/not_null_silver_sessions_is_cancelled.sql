select is_cancelled from `f1_prod`.`silver_clean`.`silver_sessions` where is_cancelled is null
