select team_category from `f1_prod`.`silver_clean`.`silver_drivers` where team_category is null
