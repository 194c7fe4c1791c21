select *
from `f1_prod`.`gold_analytics`.`tyre_strategy`
where share_of_laps_pct < 0
   or share_of_laps_pct > 100
