select compound_colour from `f1_prod`.`gold_analytics`.`tyre_compounds` where compound_colour is null
