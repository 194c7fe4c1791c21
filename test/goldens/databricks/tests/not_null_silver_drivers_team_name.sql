select team_name from `f1_prod`.`silver_clean`.`silver_drivers` where team_name is null
