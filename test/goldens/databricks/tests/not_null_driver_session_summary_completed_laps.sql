select completed_laps from `f1_prod`.`gold_analytics`.`driver_session_summary` where completed_laps is null
