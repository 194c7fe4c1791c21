select stint_number from `f1_prod`.`gold_analytics`.`tyre_strategy` where stint_number is null
