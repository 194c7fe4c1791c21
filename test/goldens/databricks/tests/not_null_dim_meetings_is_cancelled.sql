select is_cancelled from `f1_prod`.`gold_analytics`.`dim_meetings` where is_cancelled is null
