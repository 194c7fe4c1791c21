select position from `f1_prod`.`gold_analytics`.`race_results` where position is null
