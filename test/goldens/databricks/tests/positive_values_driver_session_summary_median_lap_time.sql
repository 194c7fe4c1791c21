select *
from `f1_prod`.`gold_analytics`.`driver_session_summary`
where median_lap_time <= 0
