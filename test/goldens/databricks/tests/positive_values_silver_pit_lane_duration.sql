select *
from `f1_prod`.`silver_clean`.`silver_pit`
where lane_duration <= 0
