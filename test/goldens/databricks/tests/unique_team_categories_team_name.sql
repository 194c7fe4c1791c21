select team_name as unique_field, count(*) as n_records
from `f1_prod`.`gold_analytics`.`team_categories`
where team_name is not null
group by team_name
having count(*) > 1
