select pit_stop_key as unique_field, count(*) as n_records
from `f1_prod`.`gold_analytics`.`fact_pit_stops`
where pit_stop_key is not null
group by pit_stop_key
having count(*) > 1
