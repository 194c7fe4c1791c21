select compound from `f1_prod`.`gold_analytics`.`tyre_strategy` where compound is null
