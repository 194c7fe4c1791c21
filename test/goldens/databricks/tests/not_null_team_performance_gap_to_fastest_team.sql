select gap_to_fastest_team from `f1_prod`.`gold_analytics`.`team_performance` where gap_to_fastest_team is null
