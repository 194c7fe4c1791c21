select pit_stops from `f1_prod`.`gold_analytics`.`driver_session_summary` where pit_stops is null
