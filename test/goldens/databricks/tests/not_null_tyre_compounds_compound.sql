select compound from `f1_prod`.`gold_analytics`.`tyre_compounds` where compound is null
