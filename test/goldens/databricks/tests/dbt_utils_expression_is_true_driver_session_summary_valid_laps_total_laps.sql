select * from `f1_prod`.`gold_analytics`.`driver_session_summary`
where not(valid_laps <= total_laps)
