select name_acronym from `f1_prod`.`gold_analytics`.`dim_drivers` where name_acronym is null
