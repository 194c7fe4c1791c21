select *
from `f1_prod`.`silver_clean`.`silver_weather`
where humidity < 0
   or humidity > 100
