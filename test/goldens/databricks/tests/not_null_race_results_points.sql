select points from `f1_prod`.`gold_analytics`.`race_results` where points is null
