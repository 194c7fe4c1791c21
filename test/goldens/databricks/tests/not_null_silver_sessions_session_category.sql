select session_category from `f1_prod`.`silver_clean`.`silver_sessions` where session_category is null
