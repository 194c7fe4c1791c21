select *
from `f1_prod`.`gold_analytics`.`driver_session_summary`
where theoretical_best_lap <= 0
