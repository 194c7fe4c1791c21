select *
from `f1_prod`.`gold_analytics`.`race_results`
where race_time_seconds <= 0
