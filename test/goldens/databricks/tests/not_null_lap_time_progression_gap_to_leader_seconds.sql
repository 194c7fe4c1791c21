select gap_to_leader_seconds from `f1_prod`.`gold_analytics`.`lap_time_progression` where gap_to_leader_seconds is null
