select *
from `f1_prod`.`gold_analytics`.`driver_session_summary`
where valid_lap_percentage < 0
   or valid_lap_percentage > 100
