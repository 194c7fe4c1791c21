select meeting_name from `f1_prod`.`gold_analytics`.`dim_meetings` where meeting_name is null
