select session_category from `f1_prod`.`gold_analytics`.`race_results` where session_category is null
