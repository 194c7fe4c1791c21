select compound from `f1_prod`.`gold_analytics`.`fact_stints` where compound is null
