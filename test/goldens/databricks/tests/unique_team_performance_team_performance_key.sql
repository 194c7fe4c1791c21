select team_performance_key as unique_field, count(*) as n_records
from `f1_prod`.`gold_analytics`.`team_performance`
where team_performance_key is not null
group by team_performance_key
having count(*) > 1
