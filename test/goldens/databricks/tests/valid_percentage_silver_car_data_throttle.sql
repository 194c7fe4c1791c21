select *
from `f1_prod`.`silver_clean`.`silver_car_data`
where throttle < 0
   or throttle > 100
