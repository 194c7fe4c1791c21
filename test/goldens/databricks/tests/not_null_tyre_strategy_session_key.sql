select session_key from `f1_prod`.`gold_analytics`.`tyre_strategy` where session_key is null
