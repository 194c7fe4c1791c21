select *
from `f1_prod`.`gold_analytics`.`fact_pit_stops`
where lane_duration <= 0
