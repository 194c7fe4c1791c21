select fastest_driver_number from `f1_prod`.`gold_analytics`.`team_performance` where fastest_driver_number is null
