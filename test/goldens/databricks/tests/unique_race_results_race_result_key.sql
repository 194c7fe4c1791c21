select race_result_key as unique_field, count(*) as n_records
from `f1_prod`.`gold_analytics`.`race_results`
where race_result_key is not null
group by race_result_key
having count(*) > 1
