select team_key as unique_field, count(*) as n_records
from `f1_prod`.`gold_analytics`.`dim_teams`
where team_key is not null
group by team_key
having count(*) > 1
