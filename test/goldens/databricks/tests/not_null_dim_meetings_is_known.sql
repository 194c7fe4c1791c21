select is_known from `f1_prod`.`gold_analytics`.`dim_meetings` where is_known is null
