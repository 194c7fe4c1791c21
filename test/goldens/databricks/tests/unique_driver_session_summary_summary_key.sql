select summary_key as unique_field, count(*) as n_records
from `f1_prod`.`gold_analytics`.`driver_session_summary`
where summary_key is not null
group by summary_key
having count(*) > 1
