select meeting_key from `f1_prod`.`gold_analytics`.`dim_meetings` where meeting_key is null
