select *
from `f1_prod`.`gold_analytics`.`driver_session_summary`
where fastest_lap_time < 50
   or fastest_lap_time > 180
