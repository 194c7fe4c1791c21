select lap_duration from `f1_prod`.`gold_analytics`.`official_fastest_laps` where lap_duration is null
