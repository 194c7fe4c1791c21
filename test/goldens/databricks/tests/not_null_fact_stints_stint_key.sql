select stint_key from `f1_prod`.`gold_analytics`.`fact_stints` where stint_key is null
