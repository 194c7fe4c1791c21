select position as unique_field, count(*) as n_records
from `f1_prod`.`gold_analytics`.`race_points`
where position is not null
group by position
having count(*) > 1
