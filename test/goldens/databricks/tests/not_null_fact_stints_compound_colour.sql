select compound_colour from `f1_prod`.`gold_analytics`.`fact_stints` where compound_colour is null
