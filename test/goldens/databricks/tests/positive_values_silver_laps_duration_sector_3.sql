select *
from `f1_prod`.`silver_clean`.`silver_laps`
where duration_sector_3 <= 0
