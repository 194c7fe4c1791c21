select stint_key as unique_field, count(*) as n_records
from `f1_prod`.`gold_analytics`.`tyre_strategy`
where stint_key is not null
group by stint_key
having count(*) > 1
