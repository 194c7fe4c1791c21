select summary_key from `f1_prod`.`gold_analytics`.`driver_session_summary` where summary_key is null
