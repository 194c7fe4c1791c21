select *
from `f1_prod`.`silver_clean`.`silver_laps`
where lap_duration <= 0
