select is_cancelled from `f1_prod`.`silver_clean`.`silver_meetings` where is_cancelled is null
