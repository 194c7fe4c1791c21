select stint_number from `f1_prod`.`gold_analytics`.`fact_stints` where stint_number is null
