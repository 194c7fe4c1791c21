select *
from `f1_prod`.`silver_clean`.`silver_laps`
where date_start > current_timestamp + interval 1 day
