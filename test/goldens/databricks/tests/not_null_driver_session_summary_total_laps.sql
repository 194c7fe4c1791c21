select total_laps from `f1_prod`.`gold_analytics`.`driver_session_summary` where total_laps is null
