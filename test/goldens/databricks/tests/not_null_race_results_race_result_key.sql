select race_result_key from `f1_prod`.`gold_analytics`.`race_results` where race_result_key is null
