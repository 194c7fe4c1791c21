select team_colour from `f1_prod`.`silver_clean`.`silver_drivers` where team_colour is null
