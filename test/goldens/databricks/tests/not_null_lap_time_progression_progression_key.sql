select progression_key from `f1_prod`.`gold_analytics`.`lap_time_progression` where progression_key is null
