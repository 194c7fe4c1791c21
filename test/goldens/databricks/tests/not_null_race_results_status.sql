select status from `f1_prod`.`gold_analytics`.`race_results` where status is null
