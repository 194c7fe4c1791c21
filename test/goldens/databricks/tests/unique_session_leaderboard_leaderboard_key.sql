select leaderboard_key as unique_field, count(*) as n_records
from `f1_prod`.`gold_analytics`.`session_leaderboard`
where leaderboard_key is not null
group by leaderboard_key
having count(*) > 1
