select driver_number from `f1_prod`.`gold_analytics`.`driver_session_summary` where driver_number is null
