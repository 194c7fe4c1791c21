select is_session_fastest_lap from `f1_prod`.`gold_analytics`.`fact_laps` where is_session_fastest_lap is null
