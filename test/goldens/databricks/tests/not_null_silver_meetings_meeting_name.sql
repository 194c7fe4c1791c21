select meeting_name from `f1_prod`.`silver_clean`.`silver_meetings` where meeting_name is null
