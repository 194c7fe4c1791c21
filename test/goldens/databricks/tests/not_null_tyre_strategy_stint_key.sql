select stint_key from `f1_prod`.`gold_analytics`.`tyre_strategy` where stint_key is null
