select name_acronym from `f1_prod`.`silver_clean`.`silver_drivers` where name_acronym is null
