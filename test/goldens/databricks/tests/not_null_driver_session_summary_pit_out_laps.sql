select pit_out_laps from `f1_prod`.`gold_analytics`.`driver_session_summary` where pit_out_laps is null
