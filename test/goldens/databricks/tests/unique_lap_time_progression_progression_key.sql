select progression_key as unique_field, count(*) as n_records
from `f1_prod`.`gold_analytics`.`lap_time_progression`
where progression_key is not null
group by progression_key
having count(*) > 1
