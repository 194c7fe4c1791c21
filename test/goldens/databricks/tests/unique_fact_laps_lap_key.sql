select lap_key as unique_field, count(*) as n_records
from `f1_prod`.`gold_analytics`.`fact_laps`
where lap_key is not null
group by lap_key
having count(*) > 1
