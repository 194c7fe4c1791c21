select *
from `f1_prod`.`gold_analytics`.`track_map`
where throttle < 0
   or throttle > 100
