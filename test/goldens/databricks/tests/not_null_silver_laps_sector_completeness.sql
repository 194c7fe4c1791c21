select sector_completeness from `f1_prod`.`silver_clean`.`silver_laps` where sector_completeness is null
