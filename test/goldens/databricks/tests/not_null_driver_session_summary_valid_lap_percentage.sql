select valid_lap_percentage from `f1_prod`.`gold_analytics`.`driver_session_summary` where valid_lap_percentage is null
