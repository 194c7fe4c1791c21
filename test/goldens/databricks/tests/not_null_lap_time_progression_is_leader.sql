select is_leader from `f1_prod`.`gold_analytics`.`lap_time_progression` where is_leader is null
