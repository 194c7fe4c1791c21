select compound from `f1_prod`.`silver_clean`.`silver_stints` where compound is null
