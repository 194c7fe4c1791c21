select compound_colour from `f1_prod`.`gold_analytics`.`tyre_strategy` where compound_colour is null
