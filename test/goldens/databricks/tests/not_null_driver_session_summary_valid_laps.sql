select valid_laps from `f1_prod`.`gold_analytics`.`driver_session_summary` where valid_laps is null
