select compound from `f1_prod`.`gold_analytics`.`fact_laps` where compound is null
