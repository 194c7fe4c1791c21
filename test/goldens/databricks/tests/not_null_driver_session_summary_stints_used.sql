select stints_used from `f1_prod`.`gold_analytics`.`driver_session_summary` where stints_used is null
