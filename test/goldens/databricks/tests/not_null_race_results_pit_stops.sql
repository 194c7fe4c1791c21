select pit_stops from `f1_prod`.`gold_analytics`.`race_results` where pit_stops is null
