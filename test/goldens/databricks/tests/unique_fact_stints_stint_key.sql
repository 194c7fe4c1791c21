select stint_key as unique_field, count(*) as n_records
from `f1_prod`.`gold_analytics`.`fact_stints`
where stint_key is not null
group by stint_key
having count(*) > 1
