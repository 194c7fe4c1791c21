select session_key as unique_field, count(*) as n_records
from `f1_prod`.`gold_analytics`.`official_fastest_laps`
where session_key is not null
group by session_key
having count(*) > 1
